"""Open data through the portal: the companies CSV and the estates GeoJSON parse, carry their
licence and date, and never hold a sole trader or a company that left."""

from __future__ import annotations

import csv
import io
import json
from email.utils import parsedate_to_datetime

import pytest

from tests.support.district import District
from tests.support.identifiers import valid_cif
from tests.support.premises import oferta_body
from tests.support.waiting import eventually

SOLE_TRADER = "12345678Z"


@pytest.mark.one_database
async def test_the_open_files_parse_and_hold_legal_entities_only(district: District) -> None:
    await district.start_all("census", "location", "portal")
    for n, (name, staff) in enumerate((("Metalls Bellots SL", 12), ("Plàstics Egara SA", 300), ("Tancada SL", 5))):
        registered = await district.register_empresa(nif=valid_cif(40 + n), rao_social=name, cnae="2511",
                                                     poligon_id="els-bellots", treballadors=staff,
                                                     email="persona@empresa.example")
        assert registered.status_code == 201, registered.text
    left = await district.http.post(f"/api/v1/empreses/{registered.json()['empresa_id']}/baixa",
                                    headers=district.staff, json={"motiu": "tancament"})
    assert left.status_code == 200, left.text
    sole = await district.register_empresa(nif=SOLE_TRADER, rao_social="Joan Puig Soler", cnae="4321",
                                           poligon_id="els-bellots")
    assert sole.status_code == 201, sole.text

    catalog = (await district.http.get("/api/v1/dades-obertes")).json()
    assert "CC BY 4.0" in catalog["llicencia"]["nom"]
    assert [c["url"] for c in catalog["conjunts"]] == ["/api/v1/dades-obertes/empreses.csv",
                                                       "/api/v1/dades-obertes/poligons.geojson",
                                                       "/api/v1/dades-obertes/indicadors.csv"]

    response = await district.http.get("/api/v1/dades-obertes/empreses.csv")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert 'rel="license"' in response.headers["link"] and parsedate_to_datetime(response.headers["last-modified"])
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert sorted((row["rao_social"], row["treballadors"], row["poligon"]) for row in rows) == [
        ("Metalls Bellots SL", "10-49", "Els Bellots"), ("Plàstics Egara SA", "250+", "Els Bellots")]
    assert {(row["seccio"], row["activitat"]) for row in rows} == {
        ("C", "Fabricació de productes metàl·lics, excepte maquinària i equips")}
    for absent in (SOLE_TRADER, "Joan Puig", "Tancada", "persona@empresa.example"):
        assert absent not in response.text

    assert {row["forma_juridica"] for row in rows} == {"societat de responsabilitat limitada"}  # B: what the CIF says
    entity = await district.http.get(f"/api/v1/entitats/{valid_cif(40)}")
    assert entity.status_code == 200 and entity.json()["establiments"][0]["poligon_id"] == "els-bellots", entity.text
    assert (await district.http.get(f"/api/v1/entitats/{SOLE_TRADER}")).status_code == 404
    assert (await district.http.get(f"/api/v1/entitats/{SOLE_TRADER}", headers=district.staff)).status_code == 200
    assert (await district.http.get(f"/api/v1/entitats/{valid_cif(40)}", params={"inclou_inactius": True})
            ).status_code == 403

    geo = await district.http.get("/api/v1/dades-obertes/poligons.geojson")
    assert geo.headers["content-type"] == "application/geo+json"
    collection = json.loads(geo.text)
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 19
    bellots = next(f for f in collection["features"] if f["id"] == "els-bellots")
    lon, lat = bellots["geometry"]["coordinates"]
    assert bellots["geometry"]["type"] == "Point" and 1.9 < lon < 2.1 and 41.5 < lat < 41.6  # Terrassa, lon first
    assert bellots["properties"]["empreses"] == 3  # a count: the sole trader is in it, unnamed

    sections = (await district.http.get("/api/v1/cnae")).json()
    assert len(sections) == 21 and sections[2]["nom"] == "Indústries manufactureres"
    metals = next(d for d in sections[2]["divisions"] if d["codi"] == "25")
    assert "2511" in [c["codi"] for c in metals["classes"]]
    assert sum(len(c["classes"]) for s in sections for c in s["divisions"]) == 629
    renumbered = await district.http.get("/api/v1/cnae/correspondencia", params={"cnae": "62.01"})
    assert renumbered.json() == {"cnae": "6201", "cnae_2025": "6210", "nom": renumbered.json()["nom"]}
    split = await district.http.get("/api/v1/cnae/correspondencia", params={"cnae_2025": "4711"})
    assert (split.json()["cnae"], split.json()["cnae_2025"]) == (None, "4711")
    unknown = await district.http.get("/api/v1/cnae/correspondencia", params={"cnae_2025": "6201"})
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["camp"] == "cnae_2025"


async def _offer(district: District) -> bool:
    offer = await district.http.post("/api/v1/ofertes", headers=district.staff,
                                     json=oferta_body(poligon_id="els-bellots", estat_conservacio="obsolet"))
    assert offer.status_code in (201, 422), offer.text  # 422: the estate is not known there yet
    return offer.status_code == 201


async def _indicators(district: District) -> dict | None:
    observed = (await district.http.get("/api/v1/indicadors")).json()
    return observed if observed["districte"]["unitats_disponibles"] else None


@pytest.mark.one_database
async def test_the_observatory_counts_both_services_and_publishes_its_series(district: District) -> None:
    await district.start_all("census", "location", "portal")
    for n, staff in enumerate((12, 300)):
        registered = await district.register_empresa(nif=valid_cif(50 + n), rao_social=f"Empresa {n} SL",
                                                     cnae="2511", poligon_id="els-bellots", treballadors=staff)
        assert registered.status_code == 201, registered.text
    await eventually(lambda: _offer(district), what="an offer, once location knows the estates")

    observed = await eventually(lambda: _indicators(district), what="the indicators")
    bellots = next(p for p in observed["poligons"] if p["poligon_id"] == "els-bellots")
    assert (bellots["empreses"], bellots["treballadors"], bellots["unitats_obsoletes"]) == (2, 312, 1)
    assert bellots["taxa_ocupacio"] == round(2 / 3, 4) and bellots["per_seccio"] == {"C": 2}
    assert bellots["per_trimestre"][-1]["entrades"] == 2 and len(bellots["per_trimestre"]) == 8
    one = await district.http.get("/api/v1/poligons/els-bellots/indicadors", params={"trimestres": 2})
    assert one.status_code == 200 and len(one.json()["per_trimestre"]) == 2
    assert (await district.http.get("/api/v1/poligons/enlloc/indicadors")).status_code == 404
    assert (await district.http.get("/api/v1/indicadors", params={"trimestres": 0})).status_code == 422

    sheet = {"fibra_optica": True, "usos_permesos": ["industrial"], "comprovat_el": "2026-11-02", "font": "visita"}
    assert (await district.http.patch("/api/v1/poligons/els-bellots", json=sheet)).status_code == 401
    checked = await district.http.patch("/api/v1/poligons/els-bellots", headers=district.staff, json=sheet)
    assert checked.status_code == 200, checked.text
    assert checked.json()["fitxa"]["fibra_optica"] == {"valor": True, "comprovat_el": "2026-11-02", "font": "visita"}
    bad = await district.http.patch("/api/v1/poligons/els-bellots", headers=district.staff,
                                    json={"usos_permesos": ["casino"]})
    assert bad.json()["errors"] == [{"camp": "usos_permesos.0", "motiu": "ha de ser un d'aquests valors: 'industrial', "
                                     "'logistic', 'terciari', 'comercial', 'serveis' o 'equipaments'"}], bad.text

    response = await district.http.get("/api/v1/dades-obertes/indicadors.csv")
    assert response.status_code == 200 and 'rel="license"' in response.headers["link"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert set(rows[0]) == {"poligon_id", "poligon", "indicador", "periode", "valor"}
    values = {(r["poligon_id"], r["indicador"]): r["valor"] for r in rows if "-T" not in r["periode"]}  # stocks
    assert values[("districte", "empreses")] == "2" and values[("els-bellots", "empreses_tram_250+")] == "1"
