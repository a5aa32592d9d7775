"""CSV written a line at a time, for the files the portal streams (reports, open data)."""

from __future__ import annotations

import csv
import io
from typing import Any


def csv_line(values: list[Any]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(["" if value is None else value for value in values])
    return buffer.getvalue()
