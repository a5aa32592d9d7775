"""Issuing and checking API tokens."""

from __future__ import annotations

import time
from collections.abc import Callable

from services.portal.domain.access import Principal, Rol, new_token, token_hash
from services.portal.service_layer.unit_of_work import PortalUnitOfWork

ENVIRONMENT_TOKEN_NAME = "DISTRICTE_ADMIN_TOKEN"
UowFactory = Callable[..., PortalUnitOfWork]


class Authenticator:
    """Looks tokens up, remembering each answer for a few seconds: every API call
    authenticates, and a database round trip per call would cost more than the call."""

    def __init__(self, uow_factory: UowFactory, ttl_s: float = 10.0, max_entries: int = 10_000) -> None:
        self._uow_factory = uow_factory
        self._ttl_s = ttl_s
        self._max_entries = max_entries
        self._cache: dict[str, tuple[float, Principal | None]] = {}

    async def __call__(self, token: str) -> Principal | None:
        digest = token_hash(token)
        now = time.monotonic()
        cached = self._cache.get(digest)
        if cached is not None and cached[0] > now:
            return cached[1]
        async with self._uow_factory(readonly=True) as uow:
            principal = await uow.tokens.find(digest)
        if len(self._cache) >= self._max_entries:
            self._cache.clear()
        self._cache[digest] = (now + self._ttl_s, principal)
        return principal


    def forget(self) -> None:
        """Drop every remembered answer (a token was revoked in this process)."""
        self._cache.clear()


async def issue_token(nom: str, rol: Rol, uow_factory: UowFactory, email: str | None = None,
                      poligons: tuple[str, ...] = (), nif: str | None = None) -> tuple[str, str]:
    """A new token; its clear text is returned once and never stored."""
    token = new_token()
    async with uow_factory() as uow:
        token_id = await uow.tokens.add(token_hash(token), nom, rol, email.lower() if email else None, poligons, nif)
        await uow.commit()
    return token_id, token


async def ensure_environment_token(token: str, uow_factory: UowFactory) -> None:
    """Make ``DISTRICTE_ADMIN_TOKEN`` a staff token; a previous value stops working."""
    digest = token_hash(token)
    async with uow_factory() as uow:
        await uow.tokens.revoke_named(ENVIRONMENT_TOKEN_NAME, keep_digest=digest)
        if await uow.tokens.find(digest) is None:
            await uow.tokens.add(digest, ENVIRONMENT_TOKEN_NAME, Rol.PERSONAL_TECNIC)
        await uow.commit()
