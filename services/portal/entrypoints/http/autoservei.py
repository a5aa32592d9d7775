"""Self-service: a company reviews its census record from the link staff had mailed to it.

``/api/v1/autoservei/{token}`` for programs; ``/autoservei/{token}`` is the page the mail links
to (opening it changes nothing — mail scanners open links too — its buttons POST).
"""

from __future__ import annotations

import uuid
from html import escape
from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from services.portal.entrypoints.http.dependencies import Context, PortalContext, Staff, call, passthrough
from services.portal.entrypoints.http.errors import ApiError
from services.portal.entrypoints.http.pages import BUTTON_STYLE, message_page, page
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

# The fields a company corrects on the page, with their Catalan labels.
FIELDS = {"rao_social": "Raó social", "nom_comercial": "Nom comercial", "cnae": "Activitat (CNAE-2009, 4 xifres)",
          "adreca": "Adreça", "email": "Adreça electrònica", "telefon": "Telèfon", "treballadors": "Persones treballadores"}


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
async def pagina(token: str, ctx: Context) -> HTMLResponse:
    try:
        fitxa = await call(ctx, SERVICE, "ObrirAutoservei", Autoservei(token=token))
    except ApiError as exc:
        return HTMLResponse(message_page("No s'ha pogut obrir la fitxa", exc.detail), status_code=exc.status)
    return HTMLResponse(_form(token, fitxa))


@page_router.post("/autoservei/{token}", response_class=HTMLResponse)
async def enviar(token: str, request: Request, ctx: Context) -> HTMLResponse:
    form = {name: values[0].strip() for name, values in parse_qs((await request.body()).decode()).items()}
    try:
        if form.get("accio") == "confirmar":
            await call(ctx, SERVICE, "ConfirmarAutoservei", Autoservei(token=token))
            return HTMLResponse(message_page("Gràcies", "Hem anotat que la fitxa de la vostra empresa és al dia."))
        return await _correct(token, form, ctx)
    except ApiError as exc:
        detail = "; ".join(f"{e.camp}: {e.motiu}" for e in exc.errors or []) or exc.detail
        return HTMLResponse(message_page("No s'ha pogut desar", detail), status_code=exc.status)


async def _correct(token: str, form: dict[str, str], ctx: PortalContext) -> HTMLResponse:
    current = (await call(ctx, SERVICE, "ObrirAutoservei", Autoservei(token=token)))["empresa"]
    changes: dict[str, Any] = {}
    for name in FIELDS:
        given = form.get(name, "")
        if given != _text(current.get(name)):
            changes[name] = (int(given) if given.isdigit() else given) if name == "treballadors" and given else (
                given or None)
    if not changes:
        raise ApiError(422, "No heu canviat cap camp.")
    await call(ctx, SERVICE, "CorregirAutoservei", {"token": token, **changes})
    return HTMLResponse(message_page("Gràcies", "Hem desat les correccions: la fitxa de la vostra empresa és al dia."))


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _form(token: str, fitxa: dict[str, Any]) -> str:
    empresa, action = fitxa["empresa"], f"/autoservei/{escape(token, quote=True)}"
    inputs = "".join(
        f'<p><label for="{name}">{escape(label)}</label><br>'
        f'<input id="{name}" name="{name}" value="{escape(_text(empresa.get(name)), quote=True)}" size="40"></p>'
        for name, label in FIELDS.items())
    body = (f"<p>Aquesta és la fitxa de <strong>{escape(empresa['rao_social'])}</strong> (NIF "
            f"{escape(empresa['nif'])}) al cens del polígon {escape(fitxa['poligon'])}.</p>"
            f'<form method="post" action="{action}"><input type="hidden" name="accio" value="confirmar">'
            f'<button type="submit" style="{BUTTON_STYLE}">És correcta</button></form>'
            f"<h2>Corregir-la</h2><form method=\"post\" action=\"{action}\">{inputs}"
            f'<button type="submit" style="{BUTTON_STYLE}">Desar les correccions</button></form>')
    return page("La fitxa de la vostra empresa", body)
