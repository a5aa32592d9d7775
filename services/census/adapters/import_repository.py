"""Bulk imports and their reports, inside one unit of work."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from services.census.adapters.tables import importacio_linies, importacions
from shared.persistence.paging import page


def _due(now: datetime) -> Any:
    """Queued, or running under a lease that ran out (its job stopped or died)."""
    return or_(importacions.c.estat == "en_cua",
               and_(importacions.c.estat == "en_curs", or_(importacions.c.reservada_fins.is_(None),
                                                            importacions.c.reservada_fins < now)))


class ImportRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection

    async def add(self, importacio: dict[str, Any]) -> None:
        await self._connection.execute(insert(importacions), importacio)

    async def get(self, importacio_id: str) -> dict[str, Any] | None:
        row = (await self._connection.execute(
            select(importacions).where(importacions.c.importacio_id == importacio_id))).first()
        return dict(row._mapping) if row else None

    async def list(self, offset: int, limit: int) -> tuple[list[dict[str, Any]], int]:
        rows, total = await page(self._connection, importacions, [],
                                 [importacions.c.creada_el.desc(), importacions.c.importacio_id], offset, limit)
        return [dict(row._mapping) for row in rows], total

    async def claim(self, now: datetime, lease_until: datetime) -> dict[str, Any] | None:
        """The oldest import due, now this job's until ``lease_until``; None if there is none
        (or another replica took it first)."""
        candidate = (await self._connection.execute(
            select(importacions.c.importacio_id).where(_due(now)).order_by(importacions.c.creada_el).limit(1))).first()
        if candidate is None:
            return None
        taken = await self._connection.execute(update(importacions).where(
            importacions.c.importacio_id == candidate.importacio_id, _due(now)).values(
            estat="en_curs", reservada_fins=lease_until))
        return await self.get(candidate.importacio_id) if taken.rowcount == 1 else None

    async def update(self, importacio_id: str, **values: Any) -> None:
        await self._connection.execute(update(importacions).where(
            importacions.c.importacio_id == importacio_id).values(**values))

    async def add_lines(self, lines: Sequence[dict[str, Any]]) -> None:
        if lines:
            await self._connection.execute(insert(importacio_linies), list(lines))

    async def accepted_keys(self, importacio_id: str) -> dict[str, int]:
        """NIF and estate of each line accepted so far → its line (a resumed job needs them)."""
        rows = await self._connection.execute(select(importacio_linies.c.clau, importacio_linies.c.linia).where(
            importacio_linies.c.importacio_id == importacio_id, importacio_linies.c.clau.is_not(None)))
        return {row.clau: row.linia for row in rows}

    async def lines(self, importacio_id: str, after: int, limit: int, only_issues: bool) -> list[dict[str, Any]]:
        """``only_issues``: the lines refused, and the accepted ones with a warning."""
        conditions = [importacio_linies.c.importacio_id == importacio_id, importacio_linies.c.linia > after]
        if only_issues:
            conditions.append(or_(importacio_linies.c.resultat == "rebutjada", importacio_linies.c.avisos.is_not(None)))
        rows = await self._connection.execute(
            select(importacio_linies).where(*conditions).order_by(importacio_linies.c.linia).limit(limit))
        return [dict(row._mapping) for row in rows]
