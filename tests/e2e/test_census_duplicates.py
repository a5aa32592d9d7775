"""Likely duplicates through the portal: an import flags them (against the census and within the
file), staff merge or dismiss them, and undo — nothing merged without someone deciding."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.e2e.test_census_import import census_file, run_import
from tests.support.district import District
from tests.support.identifiers import valid_cif
from tests.support.waiting import eventually

LINES = [
    [valid_cif(21), "METALLS BELLOTS, S.L.", "", "2511", "els-bellots", "", "", ""],
    [valid_cif(22), "Gràfiques Egara SL", "", "1812", "els-bellots", "", "", ""],
    [valid_cif(23), "Grafiques Egara S.L.", "", "1812", "els-bellots", "", "", ""],
    [valid_cif(24), "Metalls Bellots SL", "", "2511", "can-petit", "", "", ""],  # another estate: not flagged
]


@pytest.mark.one_database
async def test_an_import_flags_likely_duplicates_and_staff_merge_dismiss_and_undo(district: District,
                                                                                   tmp_path: Path) -> None:
    await district.start_all("census", "portal", DISTRICTE_DUPLICATS_INTERVAL_S="0.5")
    first = await district.register_empresa(nif=valid_cif(20), rao_social="Metalls Bellots SL", cnae="2511",
                                            poligon_id="els-bellots")
    assert first.status_code == 201, first.text
    existing = first.json()["empresa_id"]
    report = tmp_path / "informe.csv"
    done = await run_import(district, census_file(tmp_path, LINES), report)
    assert (done["noves"], done["duplicats_possibles"]) == (4, 2), done
    warned = {int(row["linia"]): row["motiu"] for row in csv.DictReader(report.open(encoding="utf-8")) if row["motiu"]}
    assert warned == {2: "possible duplicat de «Metalls Bellots SL» (90 %)",
                      4: "possible duplicat de «Gràfiques Egara SL» (90 %)"}

    listed = (await district.http.get("/api/v1/duplicats", headers=district.staff)).json()
    assert listed["total"] == 2
    metalls = next(d for d in listed["items"] if d["altra"]["empresa_id"] == existing)
    assert metalls["estat"] == "pendent" and metalls["evidencies"][0]["codi"] == "nom_semblant"

    # Merge, keeping the record that was there first: the other leaves the directory.
    merged = await district.http.post(f"/api/v1/duplicats/{metalls['duplicat_id']}/resolucio", headers=district.staff,
                                      json={"decisio": "fusionar", "conservar": existing})
    assert merged.status_code == 200, merged.text
    assert (merged.json()["estat"], merged.json()["resolt_per"]) == ("fusionada", "DISTRICTE_ADMIN_TOKEN")
    retired = metalls["empresa"]["empresa_id"]
    history = (await district.http.get(f"/api/v1/empreses/{retired}/historial", headers=district.staff)).json()
    assert [(e["accio"], e["qui"]) for e in history][-1] == ("fusio", "DISTRICTE_ADMIN_TOKEN")
    assert history[-1]["detall"] == {"conservada": existing, "retirada": retired}
    directory = (await district.http.get("/api/v1/empreses", params={"q": "metalls", "poligon": "els-bellots"})).json()
    assert [e["empresa_id"] for e in directory["items"]] == [existing]
    changed = await district.http.patch(f"/api/v1/empreses/{retired}", headers=district.staff,
                                        json={"telefon": "937000000"})
    assert changed.status_code == 409 and "fusionat" in changed.json()["detail"]
    again = await district.http.post(f"/api/v1/duplicats/{metalls['duplicat_id']}/resolucio", headers=district.staff,
                                     json={"decisio": "descartar"})
    assert again.status_code == 409

    # Undo: the retired record is back, the suggestion pending again, the decision on record.
    undone = await district.http.post(f"/api/v1/duplicats/{metalls['duplicat_id']}/desfer", headers=district.staff)
    assert undone.status_code == 200 and undone.json()["estat"] == "pendent", undone.text
    assert undone.json()["desfet"].startswith("fusionada per DISTRICTE_ADMIN_TOKEN")
    directory = (await district.http.get("/api/v1/empreses", params={"q": "metalls", "poligon": "els-bellots"})).json()
    assert directory["total"] == 2

    grafiques = next(d for d in listed["items"] if d["duplicat_id"] != metalls["duplicat_id"])
    dismissed = await district.http.post(f"/api/v1/duplicats/{grafiques['duplicat_id']}/resolucio",
                                         headers=district.staff, json={"decisio": "descartar"})
    assert dismissed.status_code == 200 and dismissed.json()["estat"] == "descartada"
    pending = (await district.http.get("/api/v1/duplicats", headers=district.staff)).json()
    assert [d["duplicat_id"] for d in pending["items"]] == [metalls["duplicat_id"]]

    # Bad decisions are refused in Catalan and change nothing.
    outsider = await district.http.post(f"/api/v1/duplicats/{metalls['duplicat_id']}/resolucio",
                                        headers=district.staff, json={"decisio": "fusionar",
                                              "conservar": "00000000-0000-4000-8000-000000000001"})
    assert outsider.status_code == 422 and outsider.json()["errors"][0]["camp"] == "conservar"
    unknown = await district.http.post("/api/v1/duplicats/00000000-0000-4000-8000-000000000000/desfer",
                                       headers=district.staff)
    assert unknown.status_code == 404
    nothing_to_undo = await district.http.post(f"/api/v1/duplicats/{metalls['duplicat_id']}/desfer",
                                               headers=district.staff)
    assert nothing_to_undo.status_code == 409
    wrong = await district.http.post(f"/api/v1/duplicats/{metalls['duplicat_id']}/resolucio",
                                     headers=district.staff, json={"decisio": "ajuntar"})
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["camp"] == "decisio"
    assert (await district.http.get("/api/v1/duplicats")).status_code == 401
    assert (await district.http.get("/api/v1/duplicats", headers=district.staff)).json()["total"] == 1

    # A company registered on its own is compared too, by the duplicate scan, with those before it.
    late = await district.register_empresa(nif=valid_cif(25), rao_social="Grafiques Egara, S.A.", cnae="1812",
                                           poligon_id="els-bellots")
    assert late.status_code == 201, late.text

    async def flagged() -> list[dict]:
        page = (await district.http.get("/api/v1/duplicats", headers=district.staff)).json()
        return [d for d in page["items"] if d["empresa"]["empresa_id"] == late.json()["empresa_id"]]

    found = await eventually(flagged, what="the duplicate scan to flag the late registration")
    assert {d["altra"]["rao_social"] for d in found} == {"Gràfiques Egara SL", "Grafiques Egara S.L."}
