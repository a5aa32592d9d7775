"""A management body changes — its address, the estates it looks after — and notifications follow:
the next news goes to the new address, for every estate it now covers."""

from __future__ import annotations

import pytest

from tests.support.district import District
from tests.support.identifiers import valid_cif
from tests.support.settling import settled

OLD, NEW = "junta@bellots.example", "gerencia@bellots.example"


@pytest.mark.one_database
async def test_a_body_that_changes_is_written_to_at_its_new_address_for_its_new_estates(district: District) -> None:
    await district.start_all("census", "notifications", "portal")
    body = await district.register_ens_gestor("els-bellots", OLD, "Junta del Polígon dels Bellots")
    changed = await district.http.patch(f"/api/v1/ens-gestors/{body['ens_gestor_id']}", headers=district.staff,
                                        json={"email": NEW, "poligons": ["els-bellots", "can-petit"]})
    assert changed.status_code == 200, changed.text
    assert (changed.json()["email"], changed.json()["poligons"]) == (NEW, ["els-bellots", "can-petit"])

    for n, estate in enumerate(("can-petit", "els-bellots")):
        registered = await district.register_empresa(nif=valid_cif(80 + n), rao_social=f"Empresa {n} SL",
                                                     cnae="2511", poligon_id=estate)
        assert registered.status_code == 201, registered.text
    mails = await district.mails(NEW, 2)
    assert sorted(mail.subject for mail in mails) == ["Nova empresa al polígon Can Petit: Empresa 0 SL",
                                                      "Nova empresa al polígon Els Bellots: Empresa 1 SL"]
    await settled(district)
    assert district.smtp.to(OLD) == []

    unchanged = await district.http.patch(f"/api/v1/ens-gestors/{body['ens_gestor_id']}", headers=district.staff,
                                          json={"email": NEW})
    assert unchanged.status_code == 200
    for fields, field in (({"poligons": ["no-existeix"]}, "poligons"), ({"nom": ""}, "nom"),
                          ({"poligons": []}, "poligons"), ({"email": "no-es-correu"}, "email")):
        refused = await district.http.patch(f"/api/v1/ens-gestors/{body['ens_gestor_id']}", headers=district.staff,
                                            json=fields)
        assert refused.status_code == 422 and refused.json()["errors"][0]["camp"] == field, (fields, refused.text)
    unknown = await district.http.patch("/api/v1/ens-gestors/00000000-0000-4000-8000-000000000000",
                                        headers=district.staff, json={"nom": "X"})
    assert unknown.status_code == 404
    assert (await district.http.patch(f"/api/v1/ens-gestors/{body['ens_gestor_id']}", json={"nom": "X"})).status_code == 401
    listed = (await district.http.get("/api/v1/ens-gestors")).json()
    assert [(b["nom"], b["email"]) for b in listed] == [("Junta del Polígon dels Bellots", NEW)]
