"""Likely duplicates: found as companies arrive, decided by staff (merge or dismiss), undone if wrong.

A merge keeps one record and retires the other (``fusionada``: out of the directory, kept with its
history); undoing it brings the retired one back. Who decided, and when, stays on the suggestion.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.exc import IntegrityError

from services.census.domain.duplicates import DuplicateIndex, Registre
from services.census.domain.model import Empresa
from services.census.service_layer import audit
from services.census.service_layer.queries import empresa_view
from services.census.service_layer.unit_of_work import CensusUnitOfWork
from shared.contracts.api import Pagina
from shared.contracts.census_duplicates import (
    DesferDuplicat,
    DuplicatView,
    LlistarDuplicats,
    ResoldreDuplicat,
)
from shared.errors import Conflict, FieldError, Invalid, NotFound
from shared.persistence.timestamps import as_utc

UowFactory = Callable[..., CensusUnitOfWork]
DUPLICATE_LIMIT = 500  # companies the duplicate scan compares per round
YIELD_EVERY = 100  # records between two turns of the event loop


def registre(empresa: Empresa) -> Registre:
    return Registre(str(empresa.empresa_id), empresa.rao_social, empresa.adreca, empresa.telefon, empresa.email,
                    empresa.referencia_cadastral)


def suggestions_for(empresa: Empresa, index: DuplicateIndex, now: datetime) -> list[dict[str, Any]]:
    """The likely duplicates of a new company among its estate's records, as rows to store."""
    return [{"duplicat_id": str(uuid.uuid4()), "empresa_id": str(empresa.empresa_id), "altra_id": other.empresa_id,
             "poligon_id": empresa.poligon_id, "puntuacio": likely.puntuacio,
             "evidencies": [{"codi": e.codi, "detall": e.detall} for e in likely.evidencies], "estat": "pendent",
             "detectat_el": now, "conservada_id": None, "resolt_el": None, "resolt_per": None}
            for other, likely in index.likely_duplicates(registre(empresa))]


async def llistar_duplicats(query: LlistarDuplicats, uow_factory: UowFactory) -> Pagina[DuplicatView]:
    async with uow_factory(readonly=True) as uow:
        rows, total = await uow.duplicats.list(query.estat, query.poligon, (query.pagina - 1) * query.mida, query.mida)
        items = [await _view(uow, row) for row in rows]
    return Pagina(items=items, total=total, pagina=query.pagina, mida=query.mida)


async def resoldre_duplicat(command: ResoldreDuplicat, uow_factory: UowFactory) -> DuplicatView:
    async with uow_factory() as uow:
        row = await _existing(uow, command.duplicat_id)
        if row["estat"] != "pendent":
            raise Conflict(f"Aquest possible duplicat ja s'ha resolt ({row['estat']}); desfeu-ho abans.")
        values: dict[str, Any] = {"estat": "descartada", "resolt_el": datetime.now(UTC), "resolt_per": command.usuari}
        if command.decisio == "fusionar":
            pair = {row["empresa_id"], row["altra_id"]}
            kept = str(command.conservar) if command.conservar else None
            if kept not in pair:
                raise Invalid([FieldError(camp="conservar", motiu="ha de ser una de les dues fitxes del duplicat")])
            retired = (pair - {kept}).pop()
            for empresa_id in pair:
                empresa = await uow.empreses.get(uuid.UUID(empresa_id))
                if empresa is None or empresa.estat != "activa":
                    raise Conflict("Una de les dues fitxes ja no és activa al cens; no es poden fusionar.")
            await uow.empreses.set_estat(retired, "fusionada")
            await uow.auditoria.add([audit.entry(empresa_id, "fusio", {"conservada": kept, "retirada": retired},
                                                 qui=command.usuari) for empresa_id in (kept, retired)])
            values.update(estat="fusionada", conservada_id=kept)
        await uow.duplicats.update(row["duplicat_id"], **values)
        await uow.commit()
        return await _view(uow, {**row, **values})


async def desfer_duplicat(command: DesferDuplicat, uow_factory: UowFactory) -> DuplicatView:
    """Back to pending; a merged record comes back to the census."""
    async with uow_factory() as uow:
        row = await _existing(uow, command.duplicat_id)
        if row["estat"] == "pendent":
            raise Conflict("Aquest possible duplicat encara no s'ha resolt: no hi ha res a desfer.")
        if row["estat"] == "fusionada":
            pair = (row["empresa_id"], row["altra_id"])
            retired = (set(pair) - {row["conservada_id"]}).pop()
            try:
                await uow.empreses.set_estat(retired, "activa")
            except IntegrityError as exc:  # the same company (NIF, estate) is active again meanwhile
                raise Conflict("La fitxa retirada no pot tornar: la mateixa empresa ja hi torna a ser activa.") from exc
            await uow.auditoria.add([audit.entry(empresa_id, "desfer_fusio", {"retornada": retired},
                                                 qui=command.usuari) for empresa_id in pair])
        # The decision undone stays on record, with who undid it.
        values = {"estat": "pendent", "conservada_id": None, "resolt_el": None, "resolt_per": None,
                  "desfet": f"{row['estat']} per {row['resolt_per']} el {as_utc(row['resolt_el']):%d/%m/%Y %H:%M}; "
                            f"desfet per {command.usuari} el {datetime.now(UTC):%d/%m/%Y %H:%M}"}
        await uow.duplicats.update(row["duplicat_id"], **values)
        await uow.commit()
        return await _view(uow, {**row, **values})


async def _existing(uow: CensusUnitOfWork, duplicat_id: uuid.UUID) -> dict[str, Any]:
    row = await uow.duplicats.get(str(duplicat_id))
    if row is None:
        raise NotFound("No hi ha cap possible duplicat amb aquest identificador.")
    return row


async def _view(uow: CensusUnitOfWork, row: dict[str, Any]) -> DuplicatView:
    empresa = await uow.empreses.get(uuid.UUID(row["empresa_id"]))
    altra = await uow.empreses.get(uuid.UUID(row["altra_id"]))
    assert empresa is not None and altra is not None
    return DuplicatView.model_validate(dict(
        row, empresa=empresa_view(empresa), altra=empresa_view(altra), detectat_el=as_utc(row["detectat_el"]),
        resolt_el=as_utc(row["resolt_el"])))


async def compare_new_companies(uow_factory: UowFactory, limit: int = DUPLICATE_LIMIT) -> int:
    """Compare the companies registered one by one (and any never compared) with the records of
    their estate compared before them; store the likely duplicates. How many were compared.

    The estates' indexes are built once per run and the work gives the event loop a turn every
    few records: the scan must not hold up the requests this service answers.
    """
    async with uow_factory(readonly=True) as uow:
        pending = await uow.empreses.not_compared(limit)
        if not pending:
            return 0
        active = [e for e in pending if e.estat == "activa"]  # one that left meanwhile is only marked
        known = await uow.duplicats.records_by_estate({e.poligon_id for e in active}, compared_only=True)
        # An import compares its new lines with every record, these included: those pairs are known.
        suggested = await uow.duplicats.pairs_of([str(e.empresa_id) for e in active])
    indexes: dict[str, DuplicateIndex] = {}
    for poligon_id, records in known.items():
        index = indexes.setdefault(poligon_id, DuplicateIndex())
        for number, record in enumerate(records):
            if number % YIELD_EVERY == 0:
                await asyncio.sleep(0)
            index.add(record)
    now = datetime.now(UTC)
    suggestions: list[dict[str, Any]] = []
    for number, empresa in enumerate(active):  # oldest first, each against those before it: a pair once
        if number % YIELD_EVERY == 0:
            await asyncio.sleep(0)
        index = indexes.setdefault(empresa.poligon_id, DuplicateIndex())
        suggestions += [row for row in suggestions_for(empresa, index, now)
                        if frozenset((row["empresa_id"], row["altra_id"])) not in suggested]
        index.add(registre(empresa))
    async with uow_factory() as uow:
        await uow.duplicats.add_many(suggestions)
        await uow.empreses.mark_compared([str(e.empresa_id) for e in pending])
        await uow.commit()
    return len(pending)
