"""Self-service: a company reviews its census record from the link staff had mailed to it.

``/api/v1/autoservei/{token}`` for programs; ``/autoservei/{token}`` is the page the mail links
to (opening it changes nothing — mail scanners open links too — its buttons POST).
"""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import parse_qs, quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from services.portal.entrypoints.http.dependencies import Context, PortalContext, Staff, call, passthrough
from services.portal.entrypoints.http.errors import ApiError
from services.portal.entrypoints.web.rendering import pages
from shared.contracts.census_api import SERVICE, CanvisEmpresa
from shared.contracts.census_self_service import (
    Autoservei,
    CorreccioAutoservei,
    FitxaAutoservei,
    PeticioRevisio,
    RevisioEnviada,
    SollicitarRevisio,
)

router = APIRouter(tags=["autoservei"])
page_router = APIRouter(include_in_schema=False)

# The fields a company corrects on the page (the template names them in the reader's language).
FIELDS = ("rao_social", "nom_comercial", "cnae", "adreca", "email", "telefon", "treballadors")


@router.post("/api/v1/empreses/{empresa_id}/autoservei", status_code=202, response_model=RevisioEnviada,
             summary="Enviar a l'empresa un enllaç per revisar, confirmar o corregir la seva fitxa")
async def sollicitar(empresa_id: uuid.UUID, peticio: PeticioRevisio, ctx: Context, _: Staff) -> Any:
    command = SollicitarRevisio(empresa_id=empresa_id, **peticio.model_dump())
    return passthrough(await call(ctx, SERVICE, "SollicitarRevisio", command), 202)


@router.get("/api/v1/autoservei/{token}", response_model=FitxaAutoservei,
            summary="La fitxa de l'empresa, tal com la veu l'empresa des del seu enllaç")
async def obrir(token: str, ctx: Context) -> Any:
    return passthrough(await call(ctx, SERVICE, "ObrirAutoservei", Autoservei(token=token)))


@router.post("/api/v1/autoservei/{token}/confirmacio", response_model=FitxaAutoservei,
             summary="L'empresa confirma que la seva fitxa és al dia")
async def confirmar(token: str, ctx: Context) -> Any:
    return passthrough(await call(ctx, SERVICE, "ConfirmarAutoservei", Autoservei(token=token)))


@router.patch("/api/v1/autoservei/{token}", response_model=FitxaAutoservei,
              summary="L'empresa corregeix la seva fitxa (només els camps enviats)")
async def corregir(token: str, canvis: CanvisEmpresa, ctx: Context) -> Any:
    command = CorreccioAutoservei(token=token, **canvis.model_dump(exclude_unset=True))
    return passthrough(await call(ctx, SERVICE, "CorregirAutoservei", command))


@page_router.get("/autoservei/{token}", response_class=HTMLResponse)
async def pagina(token: str, request: Request, ctx: Context) -> HTMLResponse:
    try:
        fitxa = await call(ctx, SERVICE, "ObrirAutoservei", Autoservei(token=token))
    except ApiError as exc:
        return await pages.render(request, "missatge.html", exc.status, titol="no_obert", missatge=exc.detail)
    return await _form(request, token, fitxa, {name: _text(fitxa["empresa"].get(name)) for name in FIELDS})


@page_router.post("/autoservei/{token}", response_class=HTMLResponse)
async def enviar(token: str, request: Request, ctx: Context) -> HTMLResponse:
    form = {name: values[0].strip() for name, values in parse_qs((await request.body()).decode()).items()}
    try:
        if form.get("accio") == "confirmar":
            await call(ctx, SERVICE, "ConfirmarAutoservei", Autoservei(token=token))
            return await pages.render(request, "missatge.html", titol="gracies", text="fitxa_confirmada")
        fitxa = await call(ctx, SERVICE, "ObrirAutoservei", Autoservei(token=token))
        await _correct(token, form, fitxa["empresa"], ctx)
    except ApiError as exc:
        fields = {e.camp: e.motiu for e in exc.errors or [] if e.camp in FIELDS}
        if not fields or form.get("accio") == "confirmar":
            return await pages.render(request, "missatge.html", exc.status, titol="no_desat", missatge=exc.detail)
        # Shown again with what was typed and each reason beside its field.
        return await _form(request, token, fitxa, {name: form.get(name, "") for name in FIELDS}, fields, exc.status)
    return await pages.render(request, "missatge.html", titol="gracies", text="fitxa_desada")


async def _correct(token: str, form: dict[str, str], current: dict[str, Any], ctx: PortalContext) -> None:
    changes: dict[str, Any] = {}
    for name in FIELDS:
        given = form.get(name, "")
        if given != _text(current.get(name)):
            changes[name] = (int(given) if given.isdigit() else given) if name == "treballadors" and given else (
                given or None)
    if not changes:
        raise ApiError(422, "No heu canviat cap camp.")
    await call(ctx, SERVICE, "CorregirAutoservei", {"token": token, **changes})


def _text(value: Any) -> str:
    return "" if value is None else str(value)


async def _form(request: Request, token: str, fitxa: dict[str, Any], values: dict[str, str],
          errors: dict[str, str] | None = None, status: int = 200) -> HTMLResponse:
    return await pages.render(request, "autoservei.html", status, empresa=fitxa["empresa"], poligon=fitxa["poligon"],
                        accio=f"/autoservei/{quote(token, safe='')}", camps=FIELDS, valors=values, errors=errors or {})
