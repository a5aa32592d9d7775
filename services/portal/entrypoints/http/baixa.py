"""One-click unsubscribe from the links every mail carries (RFC 8058 and the link in its body).

``GET`` changes nothing (mail scanners open links): it shows a page whose buttons POST.
``POST`` unsubscribes: a mail program sends ``List-Unsubscribe=One-Click``; the page's second
button adds ``tot=1`` (from every kind, not only the mail's).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from services.portal.entrypoints.http.dependencies import Context, call, passthrough
from services.portal.entrypoints.http.errors import ApiError
from services.portal.entrypoints.web.rendering import pages
from shared.contracts.notifications_api import SERVICE, BaixaFeta, DonarDeBaixa

router = APIRouter(prefix="/api/v1/baixa", tags=["notificacions"])


@router.get("/{token}", response_class=HTMLResponse, summary="Pàgina per donar-se de baixa dels avisos")
async def pagina(token: str, request: Request) -> HTMLResponse:
    return await pages.render(request, "baixa.html", accio=f"/api/v1/baixa/{quote(token, safe='')}")


@router.post("/{token}", response_model=BaixaFeta, summary="Donar-se de baixa (un clic, RFC 8058)",
             responses={200: {"content": {"text/html": {}}}})
async def donar_de_baixa(token: str, request: Request, ctx: Context) -> Any:
    form = parse_qs((await request.body()).decode("utf-8", errors="replace"))
    command = DonarDeBaixa(token=token, tot=form.get("tot", [""])[0] in {"1", "true"})
    wants_page = "text/html" in request.headers.get("accept", "")
    try:
        result = await call(ctx, SERVICE, "DonarDeBaixa", command)
    except ApiError as exc:
        if not wants_page:
            raise
        return await pages.render(request, "missatge.html", exc.status, titol="no_fet", missatge=exc.detail)
    if wants_page:
        return await pages.render(request, "missatge.html", titol="fet", missatge=result["missatge"])
    return passthrough(result)


