"""Staff's premises screen: every offer (on the market or not), confirm or withdraw one, publish one."""

from __future__ import annotations

import uuid

from fastapi import APIRouter
from fastapi.responses import RedirectResponse
from starlette.requests import Request
from starlette.responses import Response

from services.portal.entrypoints.http.dependencies import Context, call
from services.portal.entrypoints.http.errors import ApiError
from services.portal.entrypoints.web import district
from services.portal.entrypoints.web.offer_form import read_offer
from services.portal.entrypoints.web.refusals import call_or_reasons
from services.portal.entrypoints.web.rendering import pages
from services.portal.entrypoints.web.session import read_form
from services.portal.entrypoints.web.staff import staff_member
from shared.contracts import location_api

router = APIRouter(include_in_schema=False)
WITHDRAWALS = ("llogada", "venuda", "retirada")
PAGE_SIZE = 50


@router.get("/personal/espais")
async def offers(request: Request, ctx: Context) -> Response:
    await staff_member(request)
    return await _page(request, ctx, {}, {}, request.query_params.get("fet"))


@router.post("/personal/espais")
async def publish(request: Request, ctx: Context) -> Response:
    await staff_member(request)
    estates = tuple(p["poligon_id"] for p in await district.estates(ctx))
    typed, errors, body = read_offer(await read_form(request), estates)
    reasons: dict[str, str] = {}
    if not errors:
        published, reasons = await call_or_reasons(ctx, location_api.SERVICE, "PublicarOferta",
                                                   location_api.PublicarOferta(**body))
        if published is not None:
            return RedirectResponse("/personal/espais?fet=publicada", status_code=303)
    return await _page(request, ctx, typed, errors, None, 422, reasons)


@router.post("/personal/espais/{oferta_id}/{accio}")
async def act(oferta_id: uuid.UUID, accio: str, request: Request, ctx: Context) -> Response:
    await staff_member(request)
    form = await read_form(request)
    if accio == "confirmacio":
        await call(ctx, location_api.SERVICE, "ConfirmarOferta", location_api.OfertaRef(oferta_id=oferta_id))
    elif accio == "retirada" and form.get("motiu") in WITHDRAWALS:
        await call(ctx, location_api.SERVICE, "RetirarOferta",
                   location_api.RetirarOferta(oferta_id=oferta_id, motiu=form["motiu"]))  # type: ignore[arg-type]
    else:
        raise ApiError(404, "No s'ha trobat el recurs.")
    return RedirectResponse(f"/personal/espais?fet={accio}", status_code=303)


async def _page(request: Request, ctx: Context, typed: dict, errors: dict, fet: str | None, status: int = 200,
                reasons: dict[str, str] | None = None) -> Response:
    poligons = await district.estates(ctx)
    listed = await call(ctx, location_api.SERVICE, "LlistarOfertes", location_api.LlistarOfertes(
        inclou_fora_mercat=True, inclou_obsoletes=True, mida=PAGE_SIZE, ordre="-data"))
    return await pages.render(request, "personal/espais.html", status, ofertes=listed, poligons=poligons,
                              noms=district.names(poligons), typed=typed, errors=errors, motius=reasons or {},
                              fet=fet)
