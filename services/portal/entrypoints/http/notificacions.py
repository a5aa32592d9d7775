from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from services.portal.entrypoints.http.dependencies import Context, Staff, call
from shared.contracts.api import Pagina
from shared.contracts.notifications_api import SERVICE, LlistarNotificacions, NotificacioView

router = APIRouter(prefix="/api/v1/notificacions", tags=["notificacions"])


@router.get("", response_model=Pagina[NotificacioView], summary="Notificacions enviades")
async def llistar(ctx: Context, _: Staff,
                  destinatari: Annotated[str | None, Query(max_length=320)] = None,
                  pagina: Annotated[int, Query(ge=1)] = 1,
                  mida: Annotated[int, Query(ge=1, le=200)] = 50) -> Any:
    query = LlistarNotificacions(destinatari=destinatari, pagina=pagina, mida=mida)
    return await call(ctx, SERVICE, "LlistarNotificacions", query)
