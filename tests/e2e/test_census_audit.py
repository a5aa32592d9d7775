"""A company's record says where it came from and how current it is, and its history says who
changed what and when — whoever asked: staff through the API, an import, a merge."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.test_census_import import census_file, run_import
from tests.support.district import District
from tests.support.identifiers import valid_cif


@pytest.mark.one_database
async def test_every_change_to_a_record_is_in_its_history_with_who_and_when(district: District,
                                                                           tmp_path: Path) -> None:
    await district.start_all("census", "portal")
    marta = await district.token("personal_tecnic")  # "prova personal_tecnic"
    registered = await district.http.post("/api/v1/empreses", headers=marta, json={
        "nif": valid_cif(60), "rao_social": "Metalls Bellots SL", "cnae": "2511", "poligon_id": "els-bellots"})
    assert registered.status_code == 201, registered.text
    empresa = registered.json()
    assert (empresa["font"], empresa["actualitzada_el"]) == ("personal_tecnic", None)
    empresa_id = empresa["empresa_id"]

    changed = await district.http.patch(f"/api/v1/empreses/{empresa_id}", headers=district.staff,
                                        json={"telefon": "937000001"})
    assert changed.status_code == 200 and changed.json()["actualitzada_el"], changed.text
    lines = [[valid_cif(60), "Metalls Bellots SL", "", "2511", "els-bellots", "937000002", "", ""],
             [valid_cif(61), "Plàstics Egara SL", "", "2229", "els-bellots", "", "", ""]]
    done = await run_import(district, census_file(tmp_path, lines))
    assert (done["noves"], done["actualitzades"]) == (1, 1), done
    left = await district.http.post(f"/api/v1/empreses/{empresa_id}/baixa", headers=marta,
                                    json={"motiu": "trasllat_fora", "municipi_desti": "Sabadell"})
    assert left.status_code == 200, left.text

    history = (await district.http.get(f"/api/v1/empreses/{empresa_id}/historial", headers=district.staff)).json()
    assert [(e["accio"], e["qui"]) for e in history] == [
        ("registre", "prova personal_tecnic"), ("modificacio", "DISTRICTE_ADMIN_TOKEN"),
        ("importacio", "DISTRICTE_ADMIN_TOKEN"), ("baixa", "prova personal_tecnic")]
    assert history[1]["detall"]["canvis"] == [{"camp": "telefon", "abans": None, "despres": "937000001"}]
    assert history[2]["detall"]["canvis"] == [{"camp": "telefon", "abans": "937000001", "despres": "937000002"}]
    assert history[2]["detall"]["fitxer"] == "cens.csv" and history[3]["detall"]["municipi_desti"] == "Sabadell"
    assert [m["moment"] for m in history] == sorted(m["moment"] for m in history)

    imported = (await district.http.get("/api/v1/empreses", params={"q": "plastics egara"})).json()["items"][0]
    assert imported["font"] == "importacio"
    confirmed = await district.http.post(f"/api/v1/empreses/{imported['empresa_id']}/confirmacio",
                                         headers=district.staff)
    assert confirmed.status_code == 200 and confirmed.json()["confirmada_el"], confirmed.text
    stale = {"sense_confirmar_mesos": 12}
    assert (await district.http.get("/api/v1/empreses", params=stale)).status_code == 403
    assert (await district.http.get("/api/v1/empreses", params=stale, headers=district.staff)).json()["total"] == 0
    assert (await district.http.get(f"/api/v1/empreses/{empresa_id}/historial")).status_code == 401
    stranger = await district.token("empresa")
    assert (await district.http.get(f"/api/v1/empreses/{empresa_id}/historial", headers=stranger)).status_code == 403
    unknown = await district.http.get("/api/v1/empreses/00000000-0000-4000-8000-000000000000/historial",
                                      headers=district.staff)
    assert unknown.status_code == 404
