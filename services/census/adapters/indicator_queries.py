"""The census's figures for the observatory, counted by the database (grouped, never row by row)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import case, extract, func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from services.census.adapters.tables import auditoria, empreses

_BAND = case((empreses.c.treballadors.is_(None), "desconegut"), (empreses.c.treballadors <= 9, "0-9"),
             (empreses.c.treballadors <= 49, "10-49"), (empreses.c.treballadors <= 249, "50-249"), else_="250+")


class IndicatorQueries:
    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection

    async def active(self) -> list[Any]:
        """(estate, CNAE division, headcount class, companies, known headcount) of active records."""
        division = func.substr(empreses.c.cnae, 1, 2)
        return list(await self._connection.execute(
            select(empreses.c.poligon_id, division, _BAND, func.count(), func.coalesce(func.sum(empreses.c.treballadors), 0))
            .where(empreses.c.estat == "activa").group_by(empreses.c.poligon_id, division, _BAND)))

    async def registrations(self, since: datetime) -> list[Any]:
        """(estate, year, month, how many) of records registered since (merged duplicates never arrived)."""
        year, month = extract("year", empreses.c.registrada_el), extract("month", empreses.c.registrada_el)
        return list(await self._connection.execute(
            select(empreses.c.poligon_id, year, month, func.count())
            .where(empreses.c.registrada_el >= since, empreses.c.estat != "fusionada")
            .group_by(empreses.c.poligon_id, year, month)))

    async def departures(self, since: date) -> list[Any]:
        year, month = extract("year", empreses.c.data_baixa), extract("month", empreses.c.data_baixa)
        return list(await self._connection.execute(
            select(empreses.c.poligon_id, year, month, func.count())
            .where(empreses.c.estat == "baixa", empreses.c.data_baixa >= since)
            .group_by(empreses.c.poligon_id, year, month)))

    async def moves(self) -> list[tuple[str, dict[str, Any], datetime]]:
        """Every move between estates: (company, what the audit trail says of it, when)."""
        rows = await self._connection.execute(
            select(auditoria.c.empresa_id, auditoria.c.detall, auditoria.c.moment)
            .where(auditoria.c.accio == "trasllat").order_by(auditoria.c.moment, auditoria.c.auditoria_id))
        return [(row.empresa_id, row.detall, row.moment) for row in rows]

    async def registered(self, empresa_ids: list[str]) -> dict[str, tuple[str, datetime]]:
        """Where these records are now, and when they were registered."""
        if not empresa_ids:
            return {}
        rows = await self._connection.execute(
            select(empreses.c.empresa_id, empreses.c.poligon_id, empreses.c.registrada_el).where(
                empreses.c.empresa_id.in_(empresa_ids), empreses.c.estat != "fusionada"))
        return {row.empresa_id: (row.poligon_id, row.registrada_el) for row in rows}
