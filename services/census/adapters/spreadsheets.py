"""Rows out of an uploaded CSV or XLSX file, as text, with their line numbers.

CSV exported by a Spanish-language Excel is usually ``;``-separated and Windows-1252; both are
recognised. The header is line 1; blank lines are skipped, their numbers kept, so a report
points at the line the user sees in their editor.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date, datetime

from openpyxl import load_workbook

from shared.contracts.census_imports import FormatFitxer

Rows = Iterator[tuple[int, list[str]]]
DELIMITERS = (";", ",", "\t", "|")  # in this order when the header has none (one column)


class UnreadableFile(Exception):
    """Not a file of the format it claims; the message says why, in Catalan."""


def read_rows(data: bytes, format: FormatFitxer) -> tuple[list[str], Rows]:
    """The header's cells and the data rows that follow it."""
    rows = _csv_rows(data) if format == "csv" else _xlsx_rows(data)
    for _, cells in rows:
        if any(cells):
            return [cell.strip() for cell in cells], rows
    raise UnreadableFile("el fitxer és buit: no té cap fila de capçalera")


def _csv_rows(data: bytes) -> Rows:
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    try:
        for cells in reader:
            yield reader.line_num, [cell.strip() for cell in cells]
    except csv.Error as exc:
        raise UnreadableFile(f"CSV mal format a la línia {reader.line_num}: {exc}") from exc


def _delimiter(text: str) -> str:
    """The separator the header uses most. (csv.Sniffer guesses from the data rows too, and
    a column of empty cells or of phone numbers with spaces misleads it.)"""
    header = next((line for line in text.splitlines() if line.strip()), "")
    return max(DELIMITERS, key=header.count)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _xlsx_rows(data: bytes) -> Rows:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a file that is not XLSX
        raise UnreadableFile("no és un full de càlcul XLSX vàlid") from exc
    try:
        sheet = workbook.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [_cell_text(value) for value in values]
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a CNAE class or a headcount typed as a number
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()
