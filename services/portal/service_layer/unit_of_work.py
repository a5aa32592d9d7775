from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncConnection

from shared.persistence.unit_of_work import UnitOfWork

from services.portal.adapters.tokens import TokenRepository


class PortalUnitOfWork(UnitOfWork):
    tokens: TokenRepository

    def _open(self, connection: AsyncConnection) -> None:
        self.tokens = TokenRepository(connection)
