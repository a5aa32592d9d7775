"""Issuing and checking API tokens."""

from __future__ import annotations

from collections.abc import Callable

from services.portal.domain.access import Principal, Rol, new_token, token_hash
from services.portal.service_layer.unit_of_work import PortalUnitOfWork

ENVIRONMENT_TOKEN_NAME = "DISTRICTE_ADMIN_TOKEN"
UowFactory = Callable[[], PortalUnitOfWork]


async def authenticate(token: str, uow_factory: UowFactory) -> Principal | None:
    async with uow_factory() as uow:
        return await uow.tokens.find(token_hash(token))


async def issue_token(nom: str, rol: Rol, uow_factory: UowFactory) -> tuple[str, str]:
    """A new token; its clear text is returned once and never stored."""
    token = new_token()
    async with uow_factory() as uow:
        token_id = await uow.tokens.add(token_hash(token), nom, rol)
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
