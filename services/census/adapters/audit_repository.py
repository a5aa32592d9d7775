"""The census's audit trail: who changed what in a company's record, and when."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from services.census.adapters.tables import auditoria


class AuditRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection

    async def add(self, entries: list[dict[str, Any]]) -> None:
        if entries:
            await self._connection.execute(insert(auditoria), entries)

    async def history(self, empresa_id: str) -> list[dict[str, Any]]:
        rows = await self._connection.execute(select(auditoria).where(auditoria.c.empresa_id == empresa_id)
                                              .order_by(auditoria.c.moment, auditoria.c.auditoria_id))
        return [dict(row._mapping) for row in rows]
