"""The job that runs bulk imports, one at a time per process.

Each chunk of lines — the companies, their events, its report lines and the import's progress —
commits in one transaction: a failure or a stop leaves whole chunks done, and the job (this
process or another replica, once the lease runs out) goes on after the last one. Lines already
in the census as they are change nothing and publish nothing, so importing a file again is
harmless. Each estate's management body hears of an import once, from ``ImportacioCompletada``.
"""

from __future__ import annotations

import asyncio
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import structlog

from services.census.adapters.spreadsheets import UnreadableFile, read_rows
from services.census.domain.duplicates import DuplicateIndex
from services.census.domain.imports import EstateNames, MappingError, map_columns
from services.census.service_layer import audit
from services.census.service_layer.duplicates import registre, suggestions_for
from services.census.service_layer.import_lines import LineReader, Outcome, Read, decide
from services.census.service_layer.unit_of_work import CensusUnitOfWork
from shared.contracts.census import ImportacioCompletada, ImportacioPoligon
from shared.contracts.envelope import new_event
from shared.errors import FieldError
from shared.messaging.uploads import UploadMissing

log = structlog.get_logger(__name__)
CHUNK_LINES = 500
LEASE = timedelta(minutes=2)
SAMPLE = 20  # names per estate in the summary the management bodies get
YIELD_EVERY = 50  # lines compared for duplicates between two turns of the event loop

Fetch = Callable[[str], Awaitable[bytes]]


class ImportJob:
    def __init__(self, uow_factory: Callable[..., CensusUnitOfWork], fetch: Fetch, wake: asyncio.Event, *,
                 chunk_lines: int = CHUNK_LINES, idle_poll_s: float = 5.0) -> None:
        self._uow_factory = uow_factory
        self._fetch = fetch
        self._chunk_lines = chunk_lines
        self._idle_poll_s = idle_poll_s
        self.wake = wake

    async def run(self, stopping: asyncio.Event) -> None:
        while not stopping.is_set():
            self.wake.clear()
            try:
                worked = await self.run_next(stopping)
            except Exception as exc:  # noqa: BLE001 - the lease runs out and the import is tried again
                log.exception("import_failed_for_now", error=type(exc).__name__)
                worked = False
            if not worked:
                await self._idle(stopping)

    async def _idle(self, stopping: asyncio.Event) -> None:
        """Until an import is started, the poll comes round, or the service stops (it does not wait)."""
        waits = [asyncio.create_task(self.wake.wait()), asyncio.create_task(stopping.wait())]
        await asyncio.wait(waits, timeout=self._idle_poll_s, return_when=asyncio.FIRST_COMPLETED)
        for waiting in waits:
            waiting.cancel()

    async def run_next(self, stopping: asyncio.Event | None = None) -> bool:
        """Run the oldest import due, until it ends or ``stopping`` is set; False if none was due."""
        now = datetime.now(UTC)
        async with self._uow_factory() as uow:
            importacio = await uow.importacions.claim(now, now + LEASE)
            await uow.commit()
        if importacio is None:
            return False
        with structlog.contextvars.bound_contextvars(importacio_id=importacio["importacio_id"]):
            try:
                await self._run(importacio, stopping or asyncio.Event())
            except (UploadMissing, UnreadableFile, MappingError) as exc:
                reason = "el fitxer ja no és al magatzem" if isinstance(exc, UploadMissing) else str(exc)
                await self._update(importacio["importacio_id"], estat="fallida", error=reason,
                                   acabada_el=datetime.now(UTC), reservada_fins=None)
                log.info("import_refused")
        return True

    async def _run(self, importacio: dict[str, Any], stopping: asyncio.Event) -> None:
        importacio_id = importacio["importacio_id"]
        # Parsed in a thread: a large file must not hold up the requests this service answers.
        headers, lines = await asyncio.to_thread(_parsed, await self._fetch(importacio["objecte"]),
                                                 importacio["format"])
        columns = map_columns(headers, importacio["mapatge"])
        async with self._uow_factory(readonly=True) as uow:
            estates = {p.poligon_id: p.nom for p in await uow.poligons.list()}
            seen = await uow.importacions.accepted_keys(importacio_id)
            indexes: dict[str, DuplicateIndex] = defaultdict(DuplicateIndex)
            for poligon_id, records in (await uow.duplicats.records_by_estate()).items():
                for record in records:
                    indexes[poligon_id].add(record)
        await self._update(importacio_id, files=len(lines), columnes=columns.headers,
                           columnes_ignorades=columns.ignored)
        reader = LineReader(columns, EstateNames(estates), set(estates))
        pending = [line for line in lines if line[0] > importacio["darrera_linia"]]
        progress = dict(importacio)
        for start in range(0, len(pending), self._chunk_lines):
            if stopping.is_set():
                await self._update(importacio_id, reservada_fins=None)  # another start goes on at once
                log.info("import_paused", processades=progress["processades"])
                return
            chunk = [reader.read(number, cells) for number, cells in pending[start:start + self._chunk_lines]]
            progress = await self._commit_chunk(progress, chunk, seen, indexes)
            await asyncio.sleep(0)  # SQLite statements run inline: let requests in between chunks
        await self._finish(progress)

    async def _commit_chunk(self, progress: dict[str, Any], chunk: list[Read | Outcome], seen: dict[str, int],
                            indexes: dict[str, DuplicateIndex]) -> dict[str, Any]:
        importacio_id = uuid.UUID(progress["importacio_id"])
        correlation = str(importacio_id)
        # Read and compared outside the writing transaction, so that other writers are not held up
        # (a company registered meanwhile under the same key fails the chunk, which is run again).
        async with self._uow_factory(readonly=True) as uow:
            nifs = {item.empresa.nif for item in chunk if isinstance(item, Read)}
            # An active record wins over one of a company that left the same estate before.
            known = {(e.nif, e.poligon_id): e for e in sorted(await uow.empreses.with_nifs(nifs),
                                                               key=lambda e: e.estat == "activa")}
        outcomes = [decide(item, known.get((item.empresa.nif, item.empresa.poligon_id)), seen)
                    if isinstance(item, Read) else item for item in chunk]
        suggestions = await _likely_duplicates(outcomes, indexes)
        async with self._uow_factory() as uow:
            new = [o.empresa for o in outcomes if o.resultat == "nova" and o.empresa]
            await uow.empreses.add_many(new, compared=True)
            await uow.duplicats.add_many(suggestions)
            events = [new_event(empresa.registrada(importacio_id), correlation_id=correlation) for empresa in new]
            for outcome in outcomes:
                if outcome.resultat == "actualitzada" and outcome.empresa:
                    await uow.empreses.save_changes(outcome.empresa, [canvi.camp for canvi in outcome.canvis])
                    events.append(new_event(outcome.empresa.actualitzada(outcome.canvis, importacio_id),
                                            correlation_id=correlation))
            await uow.add_events(*events)
            await uow.auditoria.add([_audited(outcome, progress) for outcome in outcomes
                                     if outcome.resultat in ("nova", "actualitzada")])
            await uow.importacions.add_lines([outcome.report_line(importacio_id) for outcome in outcomes])
            progress = _advanced(progress, outcomes)
            await uow.importacions.update(
                progress["importacio_id"], reservada_fins=datetime.now(UTC) + LEASE,
                **{name: progress[name] for name in ("processades", "darrera_linia", "noves", "actualitzades",
                                                     "sense_canvis", "rebutjades", "poligons",
                                                     "duplicats_possibles")})
            await uow.commit()
        return progress

    async def _finish(self, progress: dict[str, Any]) -> None:
        async with self._uow_factory() as uow:
            if progress["noves"] or progress["actualitzades"]:
                await uow.add_events(new_event(ImportacioCompletada(
                    importacio_id=progress["importacio_id"], nom_fitxer=progress["nom_fitxer"],
                    acceptades=progress["noves"] + progress["actualitzades"] + progress["sense_canvis"],
                    rebutjades=progress["rebutjades"],
                    poligons=[ImportacioPoligon(poligon_id=poligon_id, **counts)
                              for poligon_id, counts in sorted(progress["poligons"].items())]),
                    correlation_id=progress["importacio_id"]))
            await uow.importacions.update(progress["importacio_id"], estat="completada",
                                          acabada_el=datetime.now(UTC), reservada_fins=None)
            await uow.commit()
        log.info("import_completed", noves=progress["noves"], actualitzades=progress["actualitzades"],
                 rebutjades=progress["rebutjades"])

    async def _update(self, importacio_id: str, **values: Any) -> None:
        async with self._uow_factory() as uow:
            await uow.importacions.update(importacio_id, **values)
            await uow.commit()


def _audited(outcome: Outcome, importacio: dict[str, Any]) -> dict[str, Any]:
    assert outcome.empresa is not None
    return audit.entry(outcome.empresa.empresa_id, "importacio", {
        "importacio_id": importacio["importacio_id"], "fitxer": importacio["nom_fitxer"], "linia": outcome.linia,
        "canvis": [canvi.model_dump() for canvi in outcome.canvis]}, qui=importacio.get("iniciada_per") or audit.SYSTEM)


async def _likely_duplicates(outcomes: list[Outcome], indexes: dict[str, DuplicateIndex]) -> list[dict[str, Any]]:
    """Each new company's likely duplicates in its estate (this file's earlier lines included), as
    suggestions for staff and as warnings on its report line."""
    now = datetime.now(UTC)
    suggestions: list[dict[str, Any]] = []
    for number, outcome in enumerate(outcomes):
        if number % YIELD_EVERY == 0:
            await asyncio.sleep(0)  # comparing takes a while: let the service answer meanwhile
        if outcome.resultat != "nova" or outcome.empresa is None:
            continue
        index = indexes[outcome.empresa.poligon_id]
        found = suggestions_for(outcome.empresa, index, now)
        names = index.names(row["altra_id"] for row in found)
        outcome.avisos = [FieldError(camp="rao_social", motiu=f"possible duplicat de «{names[row['altra_id']]}» "
                                                              f"({round(row['puntuacio'] * 100)} %)")
                          for row in found]
        suggestions += found
        index.add(registre(outcome.empresa))
    return suggestions


def _parsed(data: bytes, format: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    headers, rows = read_rows(data, format)  # type: ignore[arg-type]
    return headers, [(number, cells) for number, cells in rows if any(cells)]


def _advanced(progress: dict[str, Any], outcomes: list[Outcome]) -> dict[str, Any]:
    """The import's counters after these lines."""
    counts = {name: progress[name] for name in ("noves", "actualitzades", "sense_canvis", "rebutjades",
                                                "duplicats_possibles")}
    estates = {poligon_id: dict(values, mostra=list(values["mostra"]))
               for poligon_id, values in progress["poligons"].items()}
    for outcome in outcomes:
        key = {"nova": "noves", "actualitzada": "actualitzades", "sense_canvis": "sense_canvis",
               "rebutjada": "rebutjades"}[outcome.resultat]
        counts[key] += 1
        counts["duplicats_possibles"] += bool(outcome.avisos)
        if outcome.resultat in ("nova", "actualitzada") and outcome.empresa:
            estate = estates.setdefault(outcome.empresa.poligon_id, {"noves": 0, "actualitzades": 0, "mostra": []})
            estate[key] += 1
            name = outcome.empresa.nom_public
            if outcome.resultat == "nova" and name and len(estate["mostra"]) < SAMPLE:
                estate["mostra"].append(name)
    return {**progress, **counts, "poligons": estates, "processades": progress["processades"] + len(outcomes),
            "darrera_linia": max(outcome.linia for outcome in outcomes)}
