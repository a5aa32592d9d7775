"""Bulk import through the portal and the CLI's client: real processes, NATS (object store and
streams), SMTP, HTTP. A report per line, in Catalan; importing again changes and publishes
nothing; each estate's management body hears of an import once."""

from __future__ import annotations

import asyncio
import csv
import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from districte.importing import ImportFailed, import_companies
from tests.support.district import STAFF_EMAIL, District
from tests.support.identifiers import valid_cif
from tests.support.settling import settled

BELLOTS = "junta@bellots.example"
HEADER = ["CIF", "Razón social", "Nombre comercial", "CNAE", "Polígono", "Teléfono", "Correu", "Observacions"]
ROWS = [
    [valid_cif(1), "Metalls Bellots SL", "", "25.11", "Polígon Els Bellots", "937 000 001", "", "client antic"],
    [valid_cif(2), "Plàstics Egara SL", "Egara", "2229", "els-bellots", "", "info@egara.example", ""],
    [valid_cif(3), "Logística Petit SL", "", "5210", "Can Petit", "", "", ""],
    ["B12345678", "NIF dolent SL", "", "2511", "els-bellots", "", "", ""],
    [valid_cif(5), "On és SL", "", "2511", "Polígon de la Lluna", "", "", ""],
    [valid_cif(6), "CNAE dolent SL", "", "9999", "els-bellots", "", "correu-dolent", ""],
    [valid_cif(2), "Plàstics Egara SL (repetida)", "", "2229", "Els Bellots", "", "", ""],
    [],
    ["12345678Z", "Joan Puig Soler", "", "4321", "els-bellots", "", "", ""],
]


def census_file(tmp_path: Path, rows: list[list[str]], name: str = "cens.csv") -> Path:
    """As a Spanish-language spreadsheet exports it: ``;`` and Windows-1252."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows([HEADER, *rows])
    path = tmp_path / name
    path.write_bytes(buffer.getvalue().encode("cp1252"))
    return path


async def run_import(district: District, file: Path, report: Path | None = None, mapping: list[str] = ()) -> dict:
    return await asyncio.to_thread(import_companies, file, str(district.http.base_url),
                                   district.staff["Authorization"].removeprefix("Bearer "), list(mapping), report,
                                   io.StringIO())


@pytest.mark.one_database
async def test_an_import_reports_every_line_tells_each_body_once_and_a_second_run_changes_nothing(
        district: District, tmp_path: Path) -> None:
    await district.start_all("census", "notifications", "portal")
    await district.register_ens_gestor("els-bellots", BELLOTS, "Junta del Polígon dels Bellots")
    file, report = census_file(tmp_path, ROWS), tmp_path / "informe.csv"

    done = await run_import(district, file, report)
    assert (done["estat"], done["files"], done["noves"], done["rebutjades"]) == ("completada", 8, 4, 4), done
    assert done["columnes"]["poligon_id"] == "Polígono" and done["columnes_ignorades"] == ["Observacions"]
    lines = list(csv.DictReader(report.open(encoding="utf-8")))
    refused = {(int(line["linia"]), line["camp"]): line["motiu"] for line in lines if line["resultat"] == "rebutjada"}
    assert refused[(5, "nif")].startswith("NIF/CIF no vàlid")
    assert refused[(6, "poligon_id")] == "cap polígon del districte es diu «Polígon de la Lluna»"
    assert refused[(7, "email")] == "adreça electrònica no vàlida"
    assert refused[(8, "nif")] == "aquesta empresa ja és a la línia 3 en el mateix polígon"
    assert [int(line["linia"]) for line in lines if line["resultat"] == "nova"] == [2, 3, 4, 10]  # 9 is blank

    # One message per management body, never one per company; staff for the estate without one.
    [mail] = await district.mails(BELLOTS, 1)
    assert mail.subject == "Importació del cens: 3 empreses noves a Els Bellots"
    assert "Metalls Bellots SL" in mail.text and "Joan Puig" not in mail.text  # sole traders are not named
    [staff_mail] = await district.mails(STAFF_EMAIL, 1)
    assert staff_mail.subject == "Importació del cens: 1 empresa nova a Can Petit"
    await settled(district)
    found = (await district.http.get("/api/v1/empreses", params={"poligon": "els-bellots"})).json()
    assert {e["rao_social"] for e in found["items"]} == {"Metalls Bellots SL", "Plàstics Egara SL"}

    async def directory(q: str) -> list[str]:
        page = (await district.http.get("/api/v1/empreses", params={"q": q})).json()
        return [e["rao_social"] for e in page["items"]]

    # The directory's search ignores case and accents, finds trade names, and never sole traders.
    assert await directory("PLASTICS egara") == await directory("egara") == ["Plàstics Egara SL"]
    assert await directory("logistica") == ["Logística Petit SL"]
    assert await directory("joan puig") == [] and await directory("%") == await directory("") != []

    # The same file again: nothing changes, nothing is published, nobody is told.
    published = await district.stream_messages("CENSUS")
    again = await run_import(district, file)
    assert (again["noves"], again["actualitzades"], again["sense_canvis"], again["rebutjades"]) == (0, 0, 4, 4)
    await settled(district)
    assert await district.stream_messages("CENSUS") == published
    assert len(district.smtp.to(BELLOTS)) == 1

    # A changed phone is an update, announced in the import's summary.
    changed_rows = [list(ROWS[0])]
    changed_rows[0][5] = "937 000 999"
    changed = await run_import(district, census_file(tmp_path, changed_rows, "canvi.csv"))
    assert (changed["actualitzades"], changed["sense_canvis"]) == (1, 0)
    [_, update] = await district.mails(BELLOTS, 2)
    assert update.subject == "Importació del cens: 0 empreses noves a Els Bellots" and "1 actualitzada" in update.text


@pytest.mark.one_database
async def test_xlsx_with_a_column_mapping_and_files_that_cannot_be_imported(district: District,
                                                                             tmp_path: Path) -> None:
    await district.start_all("census", "notifications", "portal")
    book = Workbook()
    book.active.append(["Identificador fiscal", "Nom de l'empresa", "Activitat", "Polígon"])
    book.active.append([valid_cif(11), "Fusteria Colom SL", 1623, "Colom II"])
    xlsx = tmp_path / "cens.xlsx"
    book.save(xlsx)

    done = await run_import(district, xlsx, mapping=["nif:Identificador fiscal", "rao_social:Nom de l'empresa"])
    assert (done["estat"], done["noves"]) == ("completada", 1), done

    without_mapping = await run_import(district, xlsx)
    assert without_mapping["estat"] == "fallida"
    assert without_mapping["error"].startswith("falten columnes obligatòries: nif, rao_social")
    fake = tmp_path / "fals.xlsx"
    fake.write_bytes(b"NIF;Rao social\n")
    assert (await run_import(district, fake))["error"] == "no és un full de càlcul XLSX vàlid"

    try:
        await run_import(district, xlsx, mapping=["color:Activitat"])
    except ImportFailed as exc:
        assert "mapatge: «color:Activitat» no és camp:capçalera" in str(exc)
    else:
        raise AssertionError("an unknown field in the mapping was accepted")
    staffless = await district.token("ens_gestor", BELLOTS)
    upload = {"params": {"nom_fitxer": "x.csv"}, "content": b"NIF;CNAE\n", "headers": {"Content-Type": "text/csv"}}
    assert (await district.http.post("/api/v1/importacions", **upload)).status_code == 401
    denied = await district.http.post("/api/v1/importacions", params=upload["params"], content=upload["content"],
                                      headers={**upload["headers"], **staffless})
    assert denied.status_code == 403
    odd = await district.http.post("/api/v1/importacions", params={"nom_fitxer": "cens.pdf"}, content=b"%PDF",
                                   headers={**district.staff, "Content-Type": "application/pdf"})
    assert odd.status_code == 415 and "CSV" in odd.json()["detail"]
    empty = await district.http.post("/api/v1/importacions", params={"nom_fitxer": "x.csv"}, content=b"",
                                     headers={**district.staff, "Content-Type": "text/csv"})
    assert empty.status_code == 422 and empty.json()["errors"][0]["motiu"] == "el fitxer és buit"
    unknown = await district.http.get("/api/v1/importacions/00000000-0000-4000-8000-000000000000",
                                      headers=district.staff)
    assert unknown.status_code == 404
