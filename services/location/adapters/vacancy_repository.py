"""Possible vacancies, inside one unit of work."""

from __future__ import annotations

import uuid
from dataclasses import fields
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from services.location.adapters.tables import DEPARTURE_KEY, vacants_possibles
from services.location.domain.vacancies import VacantPossible
from shared.persistence.paging import page
from shared.persistence.timestamps import as_utc
from shared.persistence.upsert import insert_new

_FIELDS = [f.name for f in fields(VacantPossible)]
_IDS = ("vacant_id", "empresa_id", "oferta_id")


class VacantRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection

    async def add(self, vacant: VacantPossible) -> bool:
        """False when this departure (company, estate, day) is already recorded."""
        return await insert_new(self._connection, vacants_possibles, _row(vacant), keys=DEPARTURE_KEY[1])

    async def get(self, vacant_id: uuid.UUID) -> VacantPossible | None:
        row = (await self._connection.execute(
            select(vacants_possibles).where(vacants_possibles.c.vacant_id == str(vacant_id)))).first()
        return _vacant(row._mapping) if row else None

    async def save(self, vacant: VacantPossible) -> None:
        row = _row(vacant)
        await self._connection.execute(update(vacants_possibles).where(
            vacants_possibles.c.vacant_id == row.pop("vacant_id")).values(row))

    async def search(self, conditions: list[Any], offset: int, limit: int) -> tuple[list[VacantPossible], int]:
        v = vacants_possibles.c
        rows, total = await page(self._connection, vacants_possibles, conditions,
                                 [v.detectada_el.desc(), v.vacant_id], offset, limit)
        return [_vacant(row._mapping) for row in rows], total


def _row(vacant: VacantPossible) -> dict[str, Any]:
    row = {name: getattr(vacant, name) for name in _FIELDS}
    row.update({name: str(row[name]) for name in _IDS if row[name] is not None})
    return row


def _vacant(row: Any) -> VacantPossible:
    values = {name: row[name] for name in _FIELDS}
    values.update({name: uuid.UUID(values[name]) for name in _IDS if values[name] is not None})
    values.update(detectada_el=as_utc(values["detectada_el"]), resolta_el=as_utc(values["resolta_el"]))
    return VacantPossible(**values)
