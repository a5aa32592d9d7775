from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncConnection

from services.portal.adapters.tokens import TokenRepository
from shared.persistence.unit_of_work import UnitOfWork


class PortalUnitOfWork(UnitOfWork):
    tokens: TokenRepository

    def _open(self, connection: AsyncConnection) -> None:
        self.tokens = TokenRepository(connection)
