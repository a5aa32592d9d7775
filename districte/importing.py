"""``districte import empreses FILE``: upload a census file to the portal, follow the import with
a progress bar, and keep its report.

It goes through the portal's API like any client (the same checks, the same job), so it needs
the portal running and a staff token: ``--token``, ``DISTRICTE_TOKEN`` or the one
``districte up`` keeps in the data directory.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import httpx
from tqdm import tqdm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
POLL_S = 0.5


class ImportFailed(Exception):
    """Said to the user as is, in Catalan."""


def import_companies(file: Path, portal_url: str, token: str, mapping: list[str], report: Path | None,
                     out: Any = sys.stderr) -> dict[str, Any]:
    """Upload, follow to the end, save the report; the import as it ended."""
    if not file.is_file():
        raise ImportFailed(f"no existeix el fitxer {file}")
    content_type = XLSX if file.suffix.lower() == ".xlsx" else "text/csv"
    with httpx.Client(base_url=portal_url, headers={"Authorization": f"Bearer {token}"}, timeout=60.0) as client:
        response = client.post("/api/v1/importacions", content=file.read_bytes(),
                               params={"nom_fitxer": file.name, "mapatge": mapping},
                               headers={"Content-Type": content_type})
        started = _answer(response, 202)
        done = _follow(client, started["importacio_id"], out)
        if report is not None:
            with client.stream("GET", f"/api/v1/importacions/{done['importacio_id']}/informe.csv") as streamed:
                _answer(streamed, 200, streamed=True)
                with report.open("wb") as target:
                    for chunk in streamed.iter_bytes():
                        target.write(chunk)
    return done


def summary(done: dict[str, Any]) -> str:
    if done["estat"] == "fallida":
        return f"La importació ha fallat: {done['error']}"
    return (f"Importació completada: {done['noves']} noves, {done['actualitzades']} actualitzades, "
            f"{done['sense_canvis']} sense canvis, {done['rebutjades']} rebutjades (de {done['files']} files).")


def _follow(client: httpx.Client, importacio_id: str, out: Any) -> dict[str, Any]:
    with tqdm(desc="Important", unit=" files", file=out, dynamic_ncols=True) as bar:
        while True:
            current = _answer(client.get(f"/api/v1/importacions/{importacio_id}"), 200)
            if current["files"] is not None and bar.total != current["files"]:
                bar.total = current["files"]
                bar.refresh()
            bar.update(current["processades"] - bar.n)
            if current["estat"] in ("completada", "fallida"):
                return current
            time.sleep(POLL_S)


def _answer(response: httpx.Response, expected: int, streamed: bool = False) -> dict[str, Any]:
    if response.status_code != expected:
        if streamed:
            response.read()
        try:
            body = response.json()
        except ValueError:
            raise ImportFailed(f"el portal ha respost {response.status_code}") from None
        details = "; ".join(f"{e['camp']}: {e['motiu']}" for e in body.get("errors") or [])
        raise ImportFailed(f"{body.get('detail', response.status_code)}{' (' + details + ')' if details else ''}")
    return {} if streamed else response.json()
