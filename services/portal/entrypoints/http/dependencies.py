"""Request dependencies: the caller, the RPC client, and turning service replies into HTTP."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

import orjson
from fastapi import Depends, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from nats.aio.client import Client
from pydantic import BaseModel

from services.portal.adapters.oidc import OidcSignIn
from services.portal.domain.access import Principal
from services.portal.entrypoints.http.errors import ApiError
from services.portal.entrypoints.web.session import CSRF_HEADER, csrf_header_ok, signed_in
from services.portal.service_layer.accounts import Accounts
from services.portal.service_layer.snapshots import Snapshots
from services.portal.service_layer.tokens import Authenticator
from services.portal.service_layer.unit_of_work import PortalUnitOfWork
from shared.contracts.rpc import RpcReply
from shared.messaging.rpc import RpcClient, ServiceUnavailable
from shared.observability.correlation import current_actor

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
bearer = HTTPBearer(auto_error=False, description="Testimoni d'API (Bearer)")
CHALLENGE = {"WWW-Authenticate": "Bearer"}


@dataclass
class PortalContext:
    rpc: RpcClient
    uow: Callable[[], PortalUnitOfWork]
    authenticate: Authenticator
    nats: Callable[[], Client]  # uploads go to the JetStream object store
    accounts: Accounts
    snapshots: Snapshots
    secure_cookies: bool = True  # served over HTTPS: cookies only travel encrypted
    oidc: OidcSignIn | None = None  # the city's identity provider, when configured


async def context(request: Request) -> PortalContext:
    # async although it awaits nothing: FastAPI runs a plain function dependency in a worker thread.
    return request.app.state.portal


Context = Annotated[PortalContext, Depends(context)]


async def principal(request: Request, ctx: Context, credentials: Annotated[
        HTTPAuthorizationCredentials | None, Depends(bearer)]) -> Principal | None:
    """The token's holder; else the person signed in on the portal (their session cookie), who must
    repeat the CSRF token in a header to change anything."""
    if credentials is None:
        usuari = await signed_in(request)
        if usuari is None:
            return None
        if request.method not in SAFE_METHODS and not csrf_header_ok(request):
            raise ApiError(403, f"Amb la sessió del portal, cal la capçalera {CSRF_HEADER}.")
        found = usuari.principal()
    else:
        found = await ctx.authenticate(credentials.credentials)
        if found is None:
            raise ApiError(401, "El testimoni d'accés no és vàlid o s'ha revocat.", headers=CHALLENGE)
    current_actor.set(found.nom)  # for the services' audit trails (set per request: its own context)
    return found


MaybePrincipal = Annotated[Principal | None, Depends(principal)]


async def staff(found: MaybePrincipal) -> Principal:
    if found is None:
        raise ApiError(401, "Cal un testimoni d'accés (Authorization: Bearer ...).", headers=CHALLENGE)
    if not found.is_staff:
        raise ApiError(403, "Aquesta acció és només per al personal tècnic.")
    return found


Staff = Annotated[Principal, Depends(staff)]


async def caller(found: MaybePrincipal) -> Principal:
    if found is None:
        raise ApiError(401, "Cal un testimoni d'accés (Authorization: Bearer ...).", headers=CHALLENGE)
    return found


Caller = Annotated[Principal, Depends(caller)]


def address_of(who: Principal) -> str:
    """The address a caller receives notifications at: their token names it."""
    if who.email is None:
        raise ApiError(403, "Aquest testimoni no està vinculat a cap adreça de notificacions; "
                            "demaneu-ne un amb adreça al personal tècnic.")
    return who.email


async def recipient(found: Caller) -> Principal:
    address_of(found)
    return found


Recipient = Annotated[Principal, Depends(recipient)]


def passthrough(result: Any, status_code: int = 200) -> Response:
    """Answer with what the service replied, as is: it was built from the same contract
    model, and validating it again is a cost on every request (docs keep response_model)."""
    return Response(orjson.dumps(result), status_code=status_code, media_type="application/json")


async def call(ctx: PortalContext, service: str, name: str,
               request: BaseModel | dict[str, Any] | None = None) -> Any:
    """Call a service and return its result, or raise the refusal it answered with."""
    return await call_rpc(ctx.rpc, service, name, request)


async def call_rpc(rpc: RpcClient, service: str, name: str, request: BaseModel | dict[str, Any] | None = None) -> Any:
    try:
        reply: RpcReply = await rpc.call(service, name, request)
    except ServiceUnavailable as exc:
        raise ApiError(503, "El servei no està disponible ara mateix; torneu-ho a provar.") from exc
    if reply.ok:
        return reply.result
    assert reply.error is not None
    raise ApiError(reply.error.status, reply.error.missatge, reply.error.errors)
