"""How a census file is read: columns by their headers (or as mapped), estates by any of their
names, numbers as people type them, CSV as spreadsheets export it."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from services.census.adapters.spreadsheets import UnreadableFile, read_rows
from services.census.domain.imports import EstateNames, MappingError, headcount, map_columns
from services.census.domain.names import search_key, slug


def test_columns_are_found_by_their_headers_in_any_of_the_three_languages() -> None:
    columns = map_columns(["Razón Social", "CIF", "Código CNAE", "Polígono industrial", "E-mail", "Notes"], {})
    assert columns.columns == {"rao_social": 0, "nif": 1, "cnae": 2, "poligon_id": 3, "email": 4}
    assert columns.ignored == ["Notes"]
    assert columns.fields(["Metalls SL", " B64717838 ", "2511", "", "x@y.cat"]) == {
        "rao_social": "Metalls SL", "nif": "B64717838", "cnae": "2511", "email": "x@y.cat"}  # empty: not given


def test_a_mapping_names_the_column_and_a_missing_one_is_said() -> None:
    columns = map_columns(["Id fiscal", "Nom", "Activitat", "Zona"], {"nif": "id fiscal", "poligon_id": "Zona"})
    assert columns.headers == {"nif": "Id fiscal", "poligon_id": "Zona", "rao_social": "Nom", "cnae": "Activitat"}
    with pytest.raises(MappingError, match="no hi ha cap columna «Codi» per al camp cnae"):
        map_columns(["NIF"], {"cnae": "Codi"})
    with pytest.raises(MappingError, match=r"falten columnes obligatòries: rao_social, poligon_id, cnae \(o cnae_2025\)"):
        map_columns(["NIF", "Adreça"], {})


def test_an_estate_is_known_by_its_id_or_its_name_with_or_without_polygon() -> None:
    names = EstateNames({"els-bellots": "Els Bellots", "els-bellots-ii": "Els Bellots II", "can-farcan": "Can Farcan"})
    assert [names.resolve(cell) for cell in ("els-bellots", "ELS BELLOTS", "Polígon Els Bellots", "Els Bellots II",
                                             "PI CAN FARCAN", "Polígono Industrial de Can Farcan", "Can Fàrcan",
                                             "La Lluna")] == [
        "els-bellots", "els-bellots", "els-bellots", "els-bellots-ii", "can-farcan", "can-farcan", "can-farcan",
        None]


@pytest.mark.parametrize(("cell", "count"), [("12", 12), ("12,0", 12), ("1.200", 1200), ("1 200", 1200),
                                             ("dotze", None), ("-3", None), ("4,5", None)])
def test_a_headcount_as_people_type_it(cell: str, count: int | None) -> None:
    assert headcount(cell) == count


def test_csv_from_a_spanish_spreadsheet_semicolons_windows_1252_blank_lines_kept_in_the_numbering() -> None:
    data = "\r\nNIF;Raó social\r\nB64717838;Ferreteria Güell, SL\r\n\r\nA58818501;Tèxtil\r\n".encode("cp1252")
    header, rows = read_rows(data, "csv")
    assert header == ["NIF", "Raó social"]
    assert [(line, cells) for line, cells in rows if any(cells)] == [
        (3, ["B64717838", "Ferreteria Güell, SL"]), (5, ["A58818501", "Tèxtil"])]


def test_xlsx_numbers_become_the_text_typed() -> None:
    book = Workbook()
    book.active.append(["NIF", "CNAE", "Treballadors"])
    book.active.append(["B64717838", 2511, 12.0])
    buffer = io.BytesIO()
    book.save(buffer)
    header, rows = read_rows(buffer.getvalue(), "xlsx")
    assert (header, list(rows)) == (["NIF", "CNAE", "Treballadors"], [(2, ["B64717838", "2511", "12"])])


@pytest.mark.parametrize(("data", "format", "reason"), [
    (b"", "csv", "el fitxer és buit"), (b"NIF;CNAE", "xlsx", "no és un full de càlcul XLSX vàlid"),
    (b'NIF;"Rao\n', "csv", "CSV mal format")])
def test_files_that_cannot_be_read_say_why(data: bytes, format: str, reason: str) -> None:
    with pytest.raises(UnreadableFile, match=reason):
        header, rows = read_rows(data, format)  # type: ignore[arg-type]
        list(rows)


def test_the_search_key_holds_both_names_without_case_accents_or_punctuation() -> None:
    assert search_key("Gràfiques Egara, S.L.", "L'Impremta") == "grafiques-egara-s-l-l-impremta"
    assert slug("  Plàstics   EGARA ") in search_key("Plàstics Egara SL", None)
