from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncConnection

from services.portal.adapters.accounts import AccountRepository, AttemptRepository, SessionRepository
from services.portal.adapters.tokens import TokenRepository
from shared.persistence.unit_of_work import UnitOfWork


class PortalUnitOfWork(UnitOfWork):
    tokens: TokenRepository
    usuaris: AccountRepository
    sessions: SessionRepository
    intents: AttemptRepository

    def _open(self, connection: AsyncConnection) -> None:
        self.tokens = TokenRepository(connection)
        self.usuaris = AccountRepository(connection)
        self.sessions = SessionRepository(connection)
        self.intents = AttemptRepository(connection)
