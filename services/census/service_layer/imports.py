"""Bulk imports as staff see them: start one on an uploaded file, follow it, read its report."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from services.census.service_layer.unit_of_work import CensusUnitOfWork
from shared.contracts.api import Pagina
from shared.contracts.census_imports import (
    ImportacioRef,
    ImportacioView,
    IniciarImportacio,
    LiniaInforme,
    LlistarImportacions,
    LlistarLinies,
)
from shared.errors import NotFound
from shared.observability.correlation import current_actor
from shared.persistence.timestamps import as_utc

UowFactory = Callable[..., CensusUnitOfWork]


async def iniciar_importacio(command: IniciarImportacio, uow_factory: UowFactory) -> ImportacioView:
    """Queued; the import job takes it from here."""
    importacio = {
        "importacio_id": str(uuid.uuid4()), "nom_fitxer": command.nom_fitxer, "objecte": command.objecte,
        "format": command.format, "mapatge": dict(command.mapatge), "estat": "en_cua", "files": None,
        "processades": 0, "darrera_linia": 0, "noves": 0, "actualitzades": 0, "sense_canvis": 0,
        "rebutjades": 0, "duplicats_possibles": 0, "columnes": {}, "columnes_ignorades": [], "poligons": {}, "error": None,
        "creada_el": datetime.now(UTC), "acabada_el": None, "reservada_fins": None,
        "iniciada_per": current_actor.get()}
    async with uow_factory() as uow:
        await uow.importacions.add(importacio)
        await uow.commit()
    return view(importacio)


async def obtenir_importacio(query: ImportacioRef, uow_factory: UowFactory) -> ImportacioView:
    async with uow_factory(readonly=True) as uow:
        return view(await _existing(uow, query.importacio_id))


async def llistar_importacions(query: LlistarImportacions, uow_factory: UowFactory) -> Pagina[ImportacioView]:
    async with uow_factory(readonly=True) as uow:
        rows, total = await uow.importacions.list((query.pagina - 1) * query.mida, query.mida)
    return Pagina(items=[view(row) for row in rows], total=total, pagina=query.pagina, mida=query.mida)


async def llistar_linies(query: LlistarLinies, uow_factory: UowFactory) -> list[LiniaInforme]:
    async with uow_factory(readonly=True) as uow:
        await _existing(uow, query.importacio_id)
        rows = await uow.importacions.lines(str(query.importacio_id), query.des_de_linia, query.mida,
                                            query.nomes_incidencies)
    return [LiniaInforme(linia=row["linia"], resultat=row["resultat"], empresa_id=row["empresa_id"],
                         errors=row["errors"] or [], avisos=row["avisos"] or []) for row in rows]


def view(row: dict[str, Any]) -> ImportacioView:
    return ImportacioView.model_validate(dict(row, creada_el=as_utc(row["creada_el"]),
                                              acabada_el=as_utc(row["acabada_el"])))


async def _existing(uow: CensusUnitOfWork, importacio_id: uuid.UUID) -> dict[str, Any]:
    row = await uow.importacions.get(str(importacio_id))
    if row is None:
        raise NotFound("No hi ha cap importació amb aquest identificador.")
    return row
