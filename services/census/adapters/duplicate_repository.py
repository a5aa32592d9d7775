"""Likely duplicates and staff's decisions on them, inside one unit of work."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from services.census.adapters.tables import duplicats, empreses
from services.census.domain.duplicates import Registre
from shared.persistence.paging import page


class DuplicateRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection

    async def add_many(self, suggestions: list[dict[str, Any]]) -> None:
        if suggestions:
            await self._connection.execute(insert(duplicats), suggestions)

    async def get(self, duplicat_id: str) -> dict[str, Any] | None:
        row = (await self._connection.execute(
            select(duplicats).where(duplicats.c.duplicat_id == duplicat_id))).first()
        return dict(row._mapping) if row else None

    async def list(self, estat: str | None, poligon: str | None, offset: int,
                   limit: int) -> tuple[list[dict[str, Any]], int]:
        conditions = [column == value for column, value in ((duplicats.c.estat, estat),
                                                            (duplicats.c.poligon_id, poligon)) if value]
        rows, total = await page(self._connection, duplicats, conditions,
                                 [duplicats.c.puntuacio.desc(), duplicats.c.detectat_el, duplicats.c.duplicat_id],
                                 offset, limit)
        return [dict(row._mapping) for row in rows], total

    async def pairs_of(self, empresa_ids: list[str]) -> set[frozenset[str]]:
        """The pairs already suggested that include any of these companies, either way round."""
        rows = await self._connection.execute(select(duplicats.c.empresa_id, duplicats.c.altra_id).where(
            or_(duplicats.c.empresa_id.in_(empresa_ids), duplicats.c.altra_id.in_(empresa_ids))))
        return {frozenset(row) for row in rows}

    async def kept_instead_of(self, empresa_id: str) -> str | None:
        """The record staff kept when they merged ``empresa_id`` into it as a duplicate."""
        return (await self._connection.execute(select(duplicats.c.conservada_id).where(
            duplicats.c.estat == "fusionada", duplicats.c.conservada_id != empresa_id,
            or_(duplicats.c.empresa_id == empresa_id, duplicats.c.altra_id == empresa_id)))).scalar()

    async def update(self, duplicat_id: str, **values: Any) -> None:
        await self._connection.execute(update(duplicats).where(duplicats.c.duplicat_id == duplicat_id).values(**values))

    async def records_by_estate(self, estates: set[str] | None = None,
                                compared_only: bool = False) -> dict[str, list[Registre]]:
        """Active companies (of these estates; only those already compared), as duplicates are compared."""
        conditions = [empreses.c.estat == "activa"]
        if estates is not None:
            conditions.append(empreses.c.poligon_id.in_(sorted(estates)))
        if compared_only:
            conditions.append(empreses.c.revisada_duplicats.is_(True))
        rows = await self._connection.execute(
            select(empreses.c.empresa_id, empreses.c.poligon_id, empreses.c.rao_social, empreses.c.adreca,
                   empreses.c.telefon, empreses.c.email, empreses.c.referencia_cadastral).where(*conditions))
        found: dict[str, list[Registre]] = {}
        for row in rows:
            found.setdefault(row.poligon_id, []).append(
                Registre(row.empresa_id, row.rao_social, row.adreca, row.telefon, row.email, row.referencia_cadastral))
        return found
