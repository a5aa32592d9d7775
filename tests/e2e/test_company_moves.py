"""A company moves to another estate of the district: the estate it left and the one it joined
hear of it from one event (EmpresaTraslladada), and its record and history follow."""

from __future__ import annotations

import pytest

from tests.support.district import District
from tests.support.identifiers import valid_cif
from tests.support.waiting import eventually

BELLOTS, PETIT = "junta@bellots.example", "junta@canpetit.example"
SUBJECT = "Trasllat d'una empresa: Els Bellots → Can Petit: Metalls Bellots SL"


@pytest.mark.one_database
async def test_a_move_tells_both_estates_bodies_and_is_in_the_record(district: District) -> None:
    await district.start_all("census", "location", "notifications", "portal")
    await district.register_ens_gestor("els-bellots", BELLOTS)
    await district.register_ens_gestor("can-petit", PETIT)
    registered = await district.register_empresa(nif=valid_cif(90), rao_social="Metalls Bellots SL", cnae="2511",
                                                 poligon_id="els-bellots", adreca="C/ Argent 5")
    empresa_id = registered.json()["empresa_id"]

    moved = await district.http.post(f"/api/v1/empreses/{empresa_id}/trasllat", headers=district.staff,
                                     json={"poligon_id": "can-petit", "adreca": "C/ Coure 12",
                                           "data_trasllat": "2026-11-27"})
    assert moved.status_code == 200, moved.text
    assert (moved.json()["poligon_id"], moved.json()["adreca"]) == ("can-petit", "C/ Coure 12")
    [_, told] = await district.mails(BELLOTS, 2)  # the arrival, then the move
    [joined] = await district.mails(PETIT, 1)
    assert told.subject == joined.subject == SUBJECT
    assert "Abans: Els Bellots, C/ Argent 5" in told.text and "Ara: Can Petit, C/ Coure 12" in told.text
    assert "27/11/2026" in joined.text
    history = (await district.http.get(f"/api/v1/empreses/{empresa_id}/historial", headers=district.staff)).json()
    assert history[-1]["accio"] == "trasllat" and history[-1]["detall"]["poligon_desti"] == "can-petit"

    for body, field, status in (({"poligon_id": "can-petit"}, "poligon_id", 422),
                                ({"poligon_id": "no-existeix"}, "poligon_id", 422),
                                ({"poligon_id": "els-bellots", "data_trasllat": "ahir"}, "data_trasllat", 422),
                                ({}, "poligon_id", 422)):
        refused = await district.http.post(f"/api/v1/empreses/{empresa_id}/trasllat", headers=district.staff,
                                           json=body)
        assert refused.status_code == status and refused.json()["errors"][0]["camp"] == field, refused.text
    twin = await district.register_empresa(nif=valid_cif(90), rao_social="Metalls Bellots SL", cnae="2511",
                                           poligon_id="els-bellots")
    assert twin.status_code == 201  # the same NIF may have another establishment
    clash = await district.http.post(f"/api/v1/empreses/{twin.json()['empresa_id']}/trasllat",
                                     headers=district.staff, json={"poligon_id": "can-petit"})
    assert clash.status_code == 409 and "destinació" in clash.json()["detail"]
    gone = await district.http.post(f"/api/v1/empreses/{empresa_id}/baixa", headers=district.staff,
                                    json={"motiu": "tancament"})
    assert gone.status_code == 200

    # Location: the premises it left behind, at each estate it left (one per departure).
    async def vacancies() -> list[dict]:
        page = (await district.http.get("/api/v1/vacants-possibles", headers=district.staff)).json()
        return page["items"] if page["total"] >= 2 else []

    found = await eventually(vacancies, what="a possible vacancy per departure")
    assert sorted((v["poligon_id"], v["motiu"], v["adreca"]) for v in found) == [
        ("can-petit", "tancament", "C/ Coure 12"), ("els-bellots", "trasllat", "C/ Argent 5")]
    late = await district.http.post(f"/api/v1/empreses/{empresa_id}/trasllat", headers=district.staff,
                                    json={"poligon_id": "els-bellots"})
    assert late.status_code == 409
    assert (await district.http.post(f"/api/v1/empreses/{empresa_id}/trasllat",
                                     json={"poligon_id": "els-bellots"})).status_code == 401
