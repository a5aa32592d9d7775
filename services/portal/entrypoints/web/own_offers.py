"""An owner's (or agent's) screen: its offers, their state and when each expires unless confirmed;
it confirms here that one is still available. Only its own: those whose contact is its address."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter
from fastapi.responses import RedirectResponse
from starlette.requests import Request
from starlette.responses import Response

from services.portal.domain.access import Rol
from services.portal.domain.accounts import Usuari
from services.portal.entrypoints.http.dependencies import Context, PortalContext, call
from services.portal.entrypoints.http.errors import ApiError
from services.portal.entrypoints.web import district
from services.portal.entrypoints.web.rendering import pages
from services.portal.entrypoints.web.roles import signed_in_as
from services.portal.entrypoints.web.session import read_form
from shared.contracts import location_api

router = APIRouter(include_in_schema=False)


async def own_offers(ctx: PortalContext, usuari: Usuari) -> list[dict[str, Any]]:
    found = await call(ctx, location_api.SERVICE, "LlistarOfertes", location_api.LlistarOfertes(
        contacte_email=usuari.email, inclou_fora_mercat=True, inclou_obsoletes=True, mida=200, ordre="-data"))
    return found["items"]


@router.get("/propietari")
async def screen(request: Request, ctx: Context) -> Response:
    usuari = await signed_in_as(request, Rol.PROPIETARI)
    return await pages.render(request, "propietari.html", ofertes=await own_offers(ctx, usuari),
                              noms=district.names(await district.estates(ctx)),
                              fet=bool(request.query_params.get("confirmada")))


@router.post("/propietari/ofertes/{oferta_id}/confirmacio")
async def confirm(oferta_id: str, request: Request, ctx: Context) -> Response:
    usuari = await signed_in_as(request, Rol.PROPIETARI)
    await read_form(request)
    if oferta_id not in {offer["oferta_id"] for offer in await own_offers(ctx, usuari)}:
        raise ApiError(404, "No s'ha trobat el recurs.")  # another owner's offer is never touched
    await call(ctx, location_api.SERVICE, "ConfirmarOferta", location_api.OfertaRef(oferta_id=uuid.UUID(oferta_id)))
    return RedirectResponse("/propietari?confirmada=1", status_code=303)
