"""One-click links from mails: an offer's contact confirms or withdraws it, a company confirms
the request it filed without an account.

Opening a link (GET) changes nothing — mail scanners open links too — it shows a page whose
button POSTs. ``POST /api/v1/enllacos/{token}`` does the same for programs.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from services.portal.entrypoints.http.dependencies import Context, call, passthrough
from services.portal.entrypoints.http.errors import ApiError
from services.portal.entrypoints.web.rendering import pages
from shared.contracts.location_api import SERVICE, ResultatEnllac, UsarEnllac

router = APIRouter(tags=["enllaços"])
page_router = APIRouter(include_in_schema=False)


@router.post("/api/v1/enllacos/{token}", response_model=ResultatEnllac,
             summary="Fer servir un enllaç d'un correu (confirmar o retirar una oferta, confirmar una demanda)")
async def usar(token: str, ctx: Context) -> Any:
    return passthrough(await call(ctx, SERVICE, "UsarEnllac", UsarEnllac(token=token)))


@page_router.get("/enllac/{token}", response_class=HTMLResponse)
async def pagina(token: str, request: Request) -> HTMLResponse:
    return await pages.render(request, "enllac.html", accio=f"/enllac/{quote(token, safe='')}")


@page_router.post("/enllac/{token}", response_class=HTMLResponse)
async def fer(token: str, request: Request, ctx: Context) -> HTMLResponse:
    try:
        result = await call(ctx, SERVICE, "UsarEnllac", UsarEnllac(token=token))
    except ApiError as exc:
        return await pages.render(request, "missatge.html", exc.status, titol="no_fet", missatge=exc.detail)
    return await pages.render(request, "missatge.html", titol="fet", missatge=result["missatge"])
