"""API tokens at rest: only their digests are stored."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from services.portal.adapters.tables import api_tokens
from services.portal.domain.access import Principal, Rol


class TokenRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection

    async def add(self, digest: str, nom: str, rol: Rol, email: str | None = None,
                  poligons: tuple[str, ...] = (), nif: str | None = None) -> str:
        token_id = str(uuid.uuid4())
        await self._connection.execute(insert(api_tokens).values(
            token_id=token_id, token_hash=digest, nom=nom, rol=rol.value, email=email,
            creat_el=datetime.now(UTC), poligons=list(poligons) or None, nif=nif))
        return token_id

    async def find(self, digest: str) -> Principal | None:
        row = (await self._connection.execute(select(api_tokens).where(
            api_tokens.c.token_hash == digest, api_tokens.c.revocat_el.is_(None)))).first()
        return _principal(row) if row else None

    async def revoke_named(self, nom: str, keep_digest: str) -> None:
        await self._connection.execute(update(api_tokens).where(
            api_tokens.c.nom == nom, api_tokens.c.token_hash != keep_digest,
            api_tokens.c.revocat_el.is_(None)).values(revocat_el=datetime.now(UTC)))

    async def revoke(self, token_id: str) -> Principal | None:
        """Revoke a token; whom it stood for, if it was live."""
        row = (await self._connection.execute(select(api_tokens).where(
            api_tokens.c.token_id == token_id, api_tokens.c.revocat_el.is_(None)))).first()
        if row is None:
            return None
        await self._connection.execute(update(api_tokens).where(api_tokens.c.token_id == token_id)
                                       .values(revocat_el=datetime.now(UTC)))
        return _principal(row)

    async def live(self) -> list[dict[str, object]]:
        rows = await self._connection.execute(select(
            api_tokens.c.token_id, api_tokens.c.nom, api_tokens.c.rol, api_tokens.c.email, api_tokens.c.creat_el,
            api_tokens.c.poligons, api_tokens.c.nif)
            .where(api_tokens.c.revocat_el.is_(None)).order_by(api_tokens.c.creat_el))
        return [dict(row._mapping) for row in rows]

    async def live_for(self, email: str) -> bool:
        return (await self._connection.execute(select(api_tokens.c.token_id).where(
            api_tokens.c.email == email, api_tokens.c.revocat_el.is_(None)).limit(1))).first() is not None


def _principal(row: Any) -> Principal:
    return Principal(row.token_id, row.nom, Rol(row.rol), row.email, tuple(row.poligons or ()), row.nif)
