"""Every bad HTTP input: its status, the offending field and reason in Catalan; nothing stored,
nothing published."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.district import District
from tests.support.waiting import eventually

VALID: dict[str, Any] = {"nif": "B64717838", "rao_social": "Metalls Bellots SL", "cnae": "2511",
                         "poligon_id": "els-bellots"}

# (case, body changes, expected status, offending field)
INVALID_COMPANIES = [
    ("NIF amb dígit de control erroni", {"nif": "B64717839"}, 422, "nif"),
    ("NIF massa curt", {"nif": "B647"}, 422, "nif"),
    ("CNAE que no existeix", {"cnae": "9999"}, 422, "cnae"),
    ("CNAE de la NACE que Espanya desdobla", {"cnae": "10.20"}, 422, "cnae"),
    ("polígon desconegut", {"poligon_id": "poligon-inexistent"}, 422, "poligon_id"),
    ("falta la raó social", {"rao_social": None}, 422, "rao_social"),
    ("raó social en blanc", {"rao_social": "   "}, 422, "rao_social"),
    ("treballadors no numèric", {"treballadors": "molts"}, 422, "treballadors"),
    ("treballadors negatius", {"treballadors": -3}, 422, "treballadors"),
    ("treballadors absurds", {"treballadors": 50_000_000}, 422, "treballadors"),
    ("correu no vàlid", {"email": "no-es-un-correu"}, 422, "email"),
    ("telèfon amb lletres", {"telefon": "truqueu-me"}, 422, "telefon"),
    ("camp desconegut", {"capital_social": 3000}, 422, "capital_social"),
    ("raó social de 10.000 caràcters", {"rao_social": "x" * 10_000}, 422, "rao_social"),
]


@pytest.mark.one_database
async def test_bad_inputs_are_refused_and_change_nothing(district: District) -> None:
    await district.start_all("census", "portal")
    first = await district.register_empresa(**VALID)
    assert first.status_code == 201, first.text
    # 19 estates seeded + the first company: wait until the relay has published them all.
    baseline = await eventually(lambda: _published(district, 20), what="the census events")

    for case, changes, status, field in INVALID_COMPANIES:
        body = {k: v for k, v in (VALID | changes).items() if v is not None}
        body["nif"] = body["nif"] if "nif" in changes else "A58818501"
        response = await district.register_empresa(**body)
        assert response.status_code == status, (case, response.text)
        errors = response.json()["errors"]
        assert field in [e["camp"] for e in errors], (case, errors)
        assert all(e["motiu"] for e in errors), case
        assert await _state(district) == baseline, case

    duplicate = await district.register_empresa(**VALID)
    assert duplicate.status_code == 409
    assert "ja està registrada" in duplicate.json()["detail"]

    not_json = await district.http.post("/api/v1/empreses", headers=district.staff | {
        "content-type": "application/json"}, content=b"{nif: B64717838")
    assert not_json.status_code == 422 and not_json.json()["errors"][0]["motiu"]

    huge = await district.http.post("/api/v1/empreses", headers=district.staff | {
        "content-type": "application/json"}, content=b'{"descripcio": "' + b"x" * 70_000 + b'"}')
    assert huge.status_code == 413 and "64 KiB" in huge.json()["detail"]

    several = await district.register_empresa(nif="X", rao_social="Y", cnae="0000", poligon_id="cap")
    assert {e["camp"] for e in several.json()["errors"]} == {"nif", "cnae", "poligon_id"}

    ens = await district.http.post("/api/v1/ens-gestors", headers=district.staff, json={
        "nom": "Associació fantasma", "email": "info@fantasma.example", "poligons": ["no-existeix"]})
    assert ens.status_code == 422 and ens.json()["errors"][0]["camp"] == "poligons"

    assert await _state(district) == baseline


@pytest.mark.one_database
async def test_writes_need_a_staff_token(district: District) -> None:
    await district.start_all("census", "portal")
    baseline = await eventually(lambda: _published(district, 19), what="the seeded estates")

    anonymous = await district.http.post("/api/v1/empreses", json=VALID)
    assert anonymous.status_code == 401
    assert anonymous.headers["www-authenticate"] == "Bearer"
    forged = await district.http.post("/api/v1/empreses", json=VALID,
                                      headers={"Authorization": "Bearer no-val-res"})
    assert forged.status_code == 401

    issued = await district.http.post("/api/v1/admin/tokens", headers=district.staff,
                                      json={"nom": "Junta dels Bellots", "rol": "ens_gestor"})
    assert issued.status_code == 201, issued.text
    ens_gestor = {"Authorization": f"Bearer {issued.json()['token']}"}
    for method, path, body in [("POST", "/api/v1/empreses", VALID),
                               ("POST", "/api/v1/ens-gestors", {"nom": "x", "email": "a@b.example",
                                                               "poligons": ["els-bellots"]}),
                               ("GET", "/api/v1/demandes/estadistiques", None),
                               ("GET", "/api/v1/admin/dead-letters", None),
                               ("POST", "/api/v1/admin/tokens", {"nom": "x", "rol": "personal_tecnic"})]:
        response = await district.http.request(method, path, json=body, headers=ens_gestor)
        assert response.status_code == 403, (path, response.text)
        assert "personal tècnic" in response.json()["detail"]

    public = await district.http.get("/api/v1/empreses")
    assert public.status_code == 200
    assert await _state(district) == baseline


async def _published(district: District, events: int) -> tuple[int, int] | None:
    state = await _state(district)
    return state if state[1] == events else None


async def _state(district: District) -> tuple[int, int]:
    """(companies stored, events in the census stream)."""
    listing = await district.http.get("/api/v1/empreses", headers=district.staff)
    assert listing.status_code == 200, listing.text
    return listing.json()["total"], await district.stream_messages("CENSUS")
