"""Location's figures for the observatory, counted by the database (grouped, never row by row)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, distinct, func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from services.location.adapters.demand_repository import ANY_ESTATE
from services.location.adapters.tables import demanda_franges, ofertes, vacants_possibles

ON_THE_MARKET = ("disponible", "reservada")


class IndicatorQueries:
    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection

    async def offers(self) -> list[Any]:
        """(estate, units on the market, their m², how many of them obsolete)."""
        obsolete = func.sum(case((ofertes.c.estat_conservacio == "obsolet", 1), else_=0))
        return list(await self._connection.execute(
            select(ofertes.c.poligon_id, func.count(), func.sum(ofertes.c.superficie_m2), obsolete)
            .where(ofertes.c.estat.in_(ON_THE_MARKET)).group_by(ofertes.c.poligon_id)))

    async def vacancies_to_verify(self) -> dict[str, int]:
        rows = await self._connection.execute(
            select(vacants_possibles.c.poligon_id, func.count()).where(vacants_possibles.c.estat == "per_verificar")
            .group_by(vacants_possibles.c.poligon_id))
        return {poligon: count for poligon, count in rows}

    async def active_demands(self) -> tuple[dict[str, int], int]:
        """Active demands per estate they ask for (``ANY_ESTATE``: any), and how many in all."""
        # The matching index holds every active demand, once per estate, type and surface band.
        rows = await self._connection.execute(
            select(demanda_franges.c.poligon_id, func.count(distinct(demanda_franges.c.demanda_id)))
            .group_by(demanda_franges.c.poligon_id))
        total = (await self._connection.execute(select(func.count(distinct(demanda_franges.c.demanda_id))))).scalar()
        return {poligon: count for poligon, count in rows}, total or 0


__all__ = ["ANY_ESTATE", "IndicatorQueries"]
