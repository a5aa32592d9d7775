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
from shared.contracts.location_api import SERVICE, ResultatEnllac, UsarEnllac

router = APIRouter(tags=["enllaços"])
page_router = APIRouter(include_in_schema=False)

_PAGE = """<!DOCTYPE html>
<html lang="ca"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<meta name="referrer" content="no-referrer"><title>{title} · Districte industrial de Terrassa</title></head>
<body style="font-family: sans-serif; max-width: 40rem; margin: 2rem auto; line-height: 1.5">
<h1>{title}</h1>{body}
<p><small>Districte industrial de Terrassa</small></p></body></html>"""


@router.post("/api/v1/enllacos/{token}", response_model=ResultatEnllac,
             summary="Fer servir un enllaç d'un correu (confirmar o retirar una oferta, confirmar una demanda)")
async def usar(token: str, ctx: Context) -> Any:
    return passthrough(await call(ctx, SERVICE, "UsarEnllac", UsarEnllac(token=token)))


@page_router.get("/enllac/{token}", response_class=HTMLResponse)
async def pagina(token: str) -> str:
    body = (f'<p>Premeu el botó per completar l\'acció que us hem demanat per correu.</p>'
            f'<form method="post" action="/enllac/{escape(token, quote=True)}">'
            f'<button type="submit" style="font-size: 1.1rem; padding: .5rem 1rem">Confirmar</button></form>')
    return _PAGE.format(title="Confirmació", body=body)


@page_router.post("/enllac/{token}", response_class=HTMLResponse)
async def fer(token: str, ctx: Context) -> HTMLResponse:
    try:
        result = await call(ctx, SERVICE, "UsarEnllac", UsarEnllac(token=token))
    except ApiError as exc:
        return HTMLResponse(_PAGE.format(title="No s'ha pogut fer", body=f"<p>{escape(exc.detail)}</p>"),
                            status_code=exc.status)
    return HTMLResponse(_PAGE.format(title="Fet", body=f"<p>{escape(result['missatge'])}</p>"))
