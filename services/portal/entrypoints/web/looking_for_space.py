""""Busco espai": a company tells what premises it needs; it confirms its address from the mail, then
receives the offers that fit and answers them from the mails' links."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from services.portal.entrypoints.http.dependencies import Context, call
from services.portal.entrypoints.http.errors import ApiError
from services.portal.entrypoints.web import district
from services.portal.entrypoints.web.demand_form import read_demand
from services.portal.entrypoints.web.rendering import pages
from services.portal.entrypoints.web.session import read_form, signed_in
from shared.contracts import location_api

router = APIRouter(include_in_schema=False)
START = {"operacio": "lloguer", "accepta_estat": "bo", "frequencia_alertes": "immediata", "tipus": [], "poligons": []}


@router.get("/busco-espai")
async def form_page(request: Request, ctx: Context) -> Response:
    return await _page(request, ctx, START, {})


@router.post("/busco-espai")
async def file_request(request: Request, ctx: Context) -> Response:
    poligons = await district.estates(ctx)
    form = read_demand(await read_form(request), tuple(p["poligon_id"] for p in poligons))
    if form.errors:
        return await _page(request, ctx, form.typed, form.errors, 422)
    usuari = await signed_in(request)
    command = location_api.RegistrarDemanda(**form.request, verificada=bool(usuari and usuari.principal().is_staff))
    try:
        await call(ctx, location_api.SERVICE, "RegistrarDemanda", command)
    except ApiError as refused:
        if refused.status != 422:
            raise
        # What only the service can tell (a rule of its own): its reasons, beside the fields they name.
        reasons = {e.camp.replace(".", "_"): e.motiu for e in refused.errors or []}
        return await _page(request, ctx, form.typed, {}, 422, reasons)
    return await pages.render(request, "busco_espai_enviat.html", email=form.typed["empresa_email"],
                              verificada=command.verificada)


async def _page(request: Request, ctx: Context, typed: dict[str, Any], errors: dict[str, str], status: int = 200,
                reasons: dict[str, str] | None = None) -> Response:
    return await pages.render(request, "busco_espai.html", status, typed=typed, errors=errors, motius=reasons or {},
                              poligons=await district.estates(ctx))
