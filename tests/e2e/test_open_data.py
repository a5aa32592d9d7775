"""Open data through the portal: the companies CSV and the estates GeoJSON parse, carry their
licence and date, and never hold a sole trader or a company that left."""

from __future__ import annotations

import csv
import io
import json
from email.utils import parsedate_to_datetime

from tests.support.district import District
from tests.support.identifiers import valid_cif

SOLE_TRADER = "12345678Z"


async def test_the_open_files_parse_and_hold_legal_entities_only(district: District) -> None:
    await district.start_all("census", "portal")
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
                                                       "/api/v1/dades-obertes/poligons.geojson"]

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
