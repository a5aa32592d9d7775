"""Staff correct a company's record; its estate's management body is told what changed. Bad
changes are refused with the field and the reason, and publish nothing."""

from __future__ import annotations

import pytest

from tests.support.district import District
from tests.support.settling import settled
from tests.support.waiting import eventually

BELLOTS = "junta@bellots.example"
UNKNOWN = "5f0c1d9e-0000-4000-8000-000000000001"


@pytest.mark.one_database
async def test_a_changed_record_is_told_to_the_estates_body_and_bad_changes_change_nothing(
        district: District) -> None:
    await district.start_all("census", "notifications", "portal")
    await district.register_ens_gestor("els-bellots", BELLOTS, "Junta del Polígon dels Bellots")
    created = await district.register_empresa(nif="B64717838", rao_social="Metalls Bellots SL", nom_comercial="Metabell",
                                              cnae="25.11", poligon_id="els-bellots")
    assert created.status_code == 201, created.text
    path = f"/api/v1/empreses/{created.json()['empresa_id']}"

    changed = await district.http.patch(path, headers=district.staff,
                                        json={"cnae": "25.50", "telefon": "+34 937 000 000"})
    assert changed.status_code == 200, changed.text
    assert (changed.json()["cnae"], changed.json()["telefon"], changed.json()["rao_social"]) == (
        "2550", "+34 937 000 000", "Metalls Bellots SL")

    async def told() -> list:
        return [mail for mail in district.smtp.to(BELLOTS) if mail.subject.startswith("Dades actualitzades")]

    [mail] = await eventually(told, what="the mail about the change")
    assert mail.subject == "Dades actualitzades d'una empresa del polígon Els Bellots: Metabell"
    assert "Activitat (CNAE-2009): 2511 → 2550" in mail.text and "Telèfon: — → +34 937 000 000" in mail.text
    await settled(district)
    published = await district.stream_messages("CENSUS")

    unchanged = await district.http.patch(path, headers=district.staff, json={"cnae": "2550"})
    assert unchanged.status_code == 200  # nothing changed: nothing to tell
    junta = await district.token("ens_gestor", BELLOTS)
    for body, field in (({"cnae": "9999"}, "cnae"), ({"rao_social": ""}, "rao_social"),
                        ({"telefon": "trucar-me"}, "telefon"), ({"nif": "A58818501"}, "nif"),
                        ({"treballadors": -1}, "treballadors")):
        refused = await district.http.patch(path, headers=district.staff, json=body)
        assert refused.status_code == 422, (body, refused.text)
        assert field in [e["camp"] for e in refused.json()["errors"]], refused.text
    assert (await district.http.patch(path, json={"cnae": "2550"})).status_code == 401
    assert (await district.http.patch(path, headers=junta, json={"cnae": "2550"})).status_code == 403
    assert (await district.http.patch(f"/api/v1/empreses/{UNKNOWN}", headers=district.staff,
                                      json={"cnae": "2550"})).status_code == 404
    assert await district.stream_messages("CENSUS") == published

    left = await district.http.post(f"{path}/baixa", headers=district.staff, json={"motiu": "tancament"})
    assert left.status_code == 200
    too_late = await district.http.patch(path, headers=district.staff, json={"cnae": "2511"})
    assert too_late.status_code == 409 and "consta de baixa" in too_late.json()["detail"]
