"""Which census record each partner's record is, inside one unit of work."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from services.census.adapters.tables import empreses_externes
from shared.persistence.upsert import upsert


class PartnerRecordRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection

    async def empresa_id(self, soci: str, referencia: str) -> str | None:
        return (await self._connection.execute(select(empreses_externes.c.empresa_id).where(
            empreses_externes.c.soci == soci, empreses_externes.c.referencia == referencia))).scalar()

    async def save(self, soci: str, referencia: str, empresa_id: str, now: datetime) -> None:
        await upsert(self._connection, empreses_externes,
                     {"soci": soci, "referencia": referencia, "empresa_id": empresa_id, "actualitzada_el": now},
                     ("soci", "referencia"))
