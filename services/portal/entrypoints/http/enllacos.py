"""One-click links from mails: an offer's contact confirms or withdraws it, a company confirms
the request it filed without an account.

Opening a link (GET) changes nothing — mail scanners open links too — it shows a page whose
button POSTs. ``POST /api/v1/enllacos/{token}`` does the same for programs.
"""

from __future__ import annotations

from html import escape
from typing import Any

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from services.portal.entrypoints.http.dependencies import Context, call, passthrough
from services.portal.entrypoints.http.errors import ApiError
from services.portal.entrypoints.http.pages import BUTTON_STYLE, message_page, page
from shared.contracts.location_api import SERVICE, ResultatEnllac, UsarEnllac

router = APIRouter(tags=["enllaços"])
page_router = APIRouter(include_in_schema=False)


@router.post("/api/v1/enllacos/{token}", response_model=ResultatEnllac,
             summary="Fer servir un enllaç d'un correu (confirmar o retirar una oferta, confirmar una demanda)")
async def usar(token: str, ctx: Context) -> Any:
    return passthrough(await call(ctx, SERVICE, "UsarEnllac", UsarEnllac(token=token)))


@page_router.get("/enllac/{token}", response_class=HTMLResponse)
async def pagina(token: str) -> str:
    body = (f'<p>Premeu el botó per completar l\'acció que us hem demanat per correu.</p>'
            f'<form method="post" action="/enllac/{escape(token, quote=True)}">'
            f'<button type="submit" style="{BUTTON_STYLE}">Confirmar</button></form>')
    return page("Confirmació", body)


@page_router.post("/enllac/{token}", response_class=HTMLResponse)
async def fer(token: str, ctx: Context) -> HTMLResponse:
    try:
        result = await call(ctx, SERVICE, "UsarEnllac", UsarEnllac(token=token))
    except ApiError as exc:
        return HTMLResponse(message_page("No s'ha pogut fer", exc.detail), status_code=exc.status)
    return HTMLResponse(message_page("Fet", result["missatge"]))
