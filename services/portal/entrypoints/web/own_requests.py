"""A company's screen: its requests for premises and their leads, which it answers here as it
would from the mails ("m'interessa" / "descartar"). Only its own: by its address or its NIF."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter
from fastapi.responses import RedirectResponse
from starlette.requests import Request
from starlette.responses import Response

from services.portal.domain.access import Rol
from services.portal.domain.accounts import Usuari
from services.portal.entrypoints.http.demandes import requests_of
from services.portal.entrypoints.http.dependencies import Context, PortalContext, call
from services.portal.entrypoints.http.errors import ApiError
from services.portal.entrypoints.web import district
from services.portal.entrypoints.web.rendering import pages
from services.portal.entrypoints.web.roles import signed_in_as
from services.portal.entrypoints.web.session import read_form
from shared.contracts import location_api

router = APIRouter(include_in_schema=False)
ANSWERS = ("m_interessa", "descartada")


async def own_requests(ctx: PortalContext, usuari: Usuari) -> list[dict[str, Any]]:
    return await requests_of(ctx, usuari.email, usuari.nif)


@router.get("/empresa")
async def screen(request: Request, ctx: Context) -> Response:
    usuari = await signed_in_as(request, Rol.EMPRESA)
    return await pages.render(request, "empresa_compte.html", demandes=await own_requests(ctx, usuari),
                              noms=district.names(await district.estates(ctx)),
                              fet=request.query_params.get("resposta"))


@router.post("/empresa/coincidencies/{coincidencia_id}")
async def answer(coincidencia_id: str, request: Request, ctx: Context) -> Response:
    usuari = await signed_in_as(request, Rol.EMPRESA)
    resposta = (await read_form(request)).get("resposta")
    mine = {lead["coincidencia_id"] for demanda in await own_requests(ctx, usuari) for lead in demanda["coincidencies"]}
    if coincidencia_id not in mine or resposta not in ANSWERS:  # another company's lead is never touched
        raise ApiError(404, "No s'ha trobat el recurs.")
    await call(ctx, location_api.SERVICE, "RespondreCoincidencia", location_api.RespondreCoincidencia(
        coincidencia_id=uuid.UUID(coincidencia_id), resposta=resposta))
    return RedirectResponse(f"/empresa?resposta={resposta}", status_code=303)
