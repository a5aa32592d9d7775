"""A company leaves its estate (census) and staff find a possible vacancy to verify (location)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.test_location_flow import start
from tests.support.district import District
from tests.support.premises import oferta_body
from tests.support.waiting import eventually

UNKNOWN = "5f0c1d9e-0000-4000-8000-000000000001"


async def register(district: District, nif: str, name: str) -> str:
    response = await district.register_empresa(
        nif=nif, rao_social=name, cnae="25.11", poligon_id="can-parellada-industrial",
        adreca="Carrer de la Mineria, 4")
    assert response.status_code == 201, response.text
    return response.json()["empresa_id"]


async def vacancies(district: District, count: int) -> list[dict[str, Any]]:
    async def found() -> list[dict[str, Any]]:
        page = (await district.http.get("/api/v1/vacants-possibles", headers=district.staff,
                                        params={"estat": "per_verificar"})).json()
        return page["items"] if page["total"] >= count else []

    return await eventually(found, what=f"{count} possible vacancies")


@pytest.mark.one_database
async def test_a_departure_becomes_a_possible_vacancy_that_staff_resolve(district: District) -> None:
    await start(district)
    company = await register(district, "B64717838", "Metalls Can Parellada SL")
    sole_trader = await register(district, "12345678Z", "Joan Serra Puig")

    left = await district.http.post(f"/api/v1/empreses/{company}/baixa", headers=district.staff,
                                    json={"motiu": "trasllat_fora", "municipi_desti": "Sabadell",
                                          "data_baixa": "2026-11-02"})
    assert left.status_code == 200, left.text
    assert (left.json()["estat"], left.json()["municipi_desti"]) == ("baixa", "Sabadell")
    closed = await district.http.post(f"/api/v1/empreses/{sole_trader}/baixa", headers=district.staff,
                                      json={"motiu": "tancament"})
    assert closed.status_code == 200, closed.text

    found = {v["empresa_id"]: v for v in await vacancies(district, 2)}
    moved, shut = found[company], found[sole_trader]
    assert (moved["poligon_id"], moved["adreca"], moved["empresa_nom"], moved["motiu"]) == (
        "can-parellada-industrial", "Carrer de la Mineria, 4", "Metalls Can Parellada SL", "trasllat_fora")
    assert shut["empresa_nom"] is None  # a sole trader's name is a person's name: not passed on
    directory = (await district.http.get("/api/v1/empreses", headers=district.staff,
                                         params={"poligon": "can-parellada-industrial"})).json()
    assert directory["total"] == 0  # the directory lists who is there now

    offer = (await district.http.post("/api/v1/ofertes", headers=district.staff, json=oferta_body(
        adreca="Carrer de la Mineria, 4"))).json()
    path = f"/api/v1/vacants-possibles/{moved['vacant_id']}/resolucio"
    confirmed = await district.http.post(path, headers=district.staff,
                                         json={"resultat": "confirmada", "oferta_id": offer["oferta_id"]})
    assert confirmed.status_code == 200, confirmed.text
    assert (confirmed.json()["estat"], confirmed.json()["oferta_id"]) == ("confirmada", offer["oferta_id"])
    again = await district.http.post(path, headers=district.staff, json={"resultat": "descartada"})
    assert again.status_code == 409
    remaining = (await district.http.get("/api/v1/vacants-possibles", headers=district.staff,
                                         params={"estat": "per_verificar"})).json()
    assert [v["empresa_id"] for v in remaining["items"]] == [sole_trader]


@pytest.mark.one_database
async def test_bad_departures_and_resolutions_are_refused_and_change_nothing(district: District) -> None:
    await start(district)
    company = await register(district, "B64717838", "Metalls Can Parellada SL")
    path = f"/api/v1/empreses/{company}/baixa"

    for body, field in (({"motiu": "trasllat_fora"}, "municipi_desti"),
                        ({"motiu": "tancament", "municipi_desti": "Sabadell"}, "municipi_desti"),
                        ({"motiu": "vacances"}, "motiu"), ({"motiu": "tancament", "data_baixa": "ahir"}, "data_baixa")):
        refused = await district.http.post(path, headers=district.staff, json=body)
        assert refused.status_code == 422, (body, refused.text)
        assert field in [e["camp"] for e in refused.json()["errors"]], refused.text
    assert (await district.http.post(path, json={"motiu": "tancament"})).status_code == 401
    unknown = await district.http.post(f"/api/v1/empreses/{UNKNOWN}/baixa", headers=district.staff,
                                       json={"motiu": "tancament"})
    assert unknown.status_code == 404
    assert (await district.http.get(f"/api/v1/empreses/{company}", headers=district.staff)).json()["estat"] == "activa"
    assert await district.stream_messages("CENSUS") == 19 + 1  # the estates and one arrival: nothing else

    assert (await district.http.post(path, headers=district.staff, json={"motiu": "tancament"})).status_code == 200
    twice = await district.http.post(path, headers=district.staff, json={"motiu": "tancament"})
    assert twice.status_code == 409 and "ja consta de baixa" in twice.json()["detail"]
    [vacant] = await vacancies(district, 1)

    resolve = f"/api/v1/vacants-possibles/{vacant['vacant_id']}/resolucio"
    for body, status in (({"resultat": "potser"}, 422), ({"resultat": "confirmada", "oferta_id": UNKNOWN}, 404),
                         ({"resultat": "descartada", "oferta_id": UNKNOWN}, 404)):
        response = await district.http.post(resolve, headers=district.staff, json=body)
        assert response.status_code == status, (body, response.text)
    assert (await district.http.get("/api/v1/vacants-possibles")).status_code == 401
    missing = await district.http.post(f"/api/v1/vacants-possibles/{UNKNOWN}/resolucio", headers=district.staff,
                                       json={"resultat": "descartada"})
    assert missing.status_code == 404
    assert [v["vacant_id"] for v in await vacancies(district, 1)] == [vacant["vacant_id"]]
