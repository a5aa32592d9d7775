"""Notifications in the portal: each recipient's feed and preferences; staff see every delivery."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query

from services.portal.domain.access import RECIPIENT_ROLE
from services.portal.entrypoints.http.dependencies import (
    Caller,
    Context,
    Recipient,
    address_of,
    call,
    passthrough,
)
from services.portal.entrypoints.http.errors import ApiError
from shared.contracts.api import Pagina
from shared.contracts.notifications_api import (
    SERVICE,
    Canal,
    DesarPreferencies,
    LlistarNotificacions,
    MarcarLlegida,
    NotificacioView,
    ObtenirPreferencies,
    Preferencies,
    PreferenciesView,
    TipusNotificacio,
)

router = APIRouter(prefix="/api/v1", tags=["notificacions"])
Estat = Annotated[str | None, Query(pattern="^(pendent|en_resum|enviada|agrupada|fallida)$")]


@router.get("/notificacions", response_model=Pagina[NotificacioView], summary="Notificacions",
            description="El propi tauler (per defecte, les notificacions del portal: canal `app`). "
                        "El personal tècnic veu les de tothom i pot filtrar per destinatari.")
async def llistar(ctx: Context, who: Caller,
                  destinatari: Annotated[str | None, Query(max_length=320)] = None,
                  canal: Canal | None = None, tipus: TipusNotificacio | None = None, estat: Estat = None,
                  llegida: bool | None = None,
                  pagina: Annotated[int, Query(ge=1)] = 1,
                  mida: Annotated[int, Query(ge=1, le=200)] = 50) -> Any:
    if not who.is_staff:
        own = address_of(who)
        if destinatari is not None and destinatari.lower() != own:
            raise ApiError(403, "Només podeu veure les vostres notificacions.")
        destinatari, canal = own, canal or "app"
    query = LlistarNotificacions(destinatari=destinatari, canal=canal, tipus=tipus, estat=estat,
                                 llegida=llegida, pagina=pagina, mida=mida)
    return passthrough(await call(ctx, SERVICE, "LlistarNotificacions", query))


@router.post("/notificacions/{notificacio_id}/llegida", response_model=NotificacioView,
             summary="Marcar com a llegida una notificació del propi tauler")
async def llegida(notificacio_id: uuid.UUID, ctx: Context, who: Recipient) -> Any:
    command = MarcarLlegida(notificacio_id=notificacio_id, destinatari=address_of(who))
    return passthrough(await call(ctx, SERVICE, "MarcarLlegida", command))


@router.get("/preferencies", response_model=PreferenciesView, summary="Les meves preferències de notificació")
async def obtenir(ctx: Context, who: Recipient) -> Any:
    query = ObtenirPreferencies(destinatari=address_of(who), rol=RECIPIENT_ROLE[who.rol])
    return passthrough(await call(ctx, SERVICE, "ObtenirPreferencies", query))


@router.put("/preferencies", response_model=PreferenciesView, summary="Desar les meves preferències")
async def desar(body: Preferencies, ctx: Context, who: Recipient) -> Any:
    command = DesarPreferencies(destinatari=address_of(who), rol=RECIPIENT_ROLE[who.rol], **body.model_dump())
    return passthrough(await call(ctx, SERVICE, "DesarPreferencies", command))
