"""A management body's screen: its estates' companies, arrivals and departures, possible vacancies,
and what the district told it. Only its own estates: another estate's data is never read for it."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from services.portal.domain.access import Rol
from services.portal.entrypoints.http.dependencies import Context, call
from services.portal.entrypoints.web import district
from services.portal.entrypoints.web.rendering import pages
from services.portal.entrypoints.web.roles import signed_in_as
from shared.contracts import location_api, notifications_api

router = APIRouter(include_in_schema=False)
RECENT_QUARTERS = 4
FEED_SIZE = 10


@router.get("/ens-gestor")
async def screen(request: Request, ctx: Context) -> Response:
    usuari = await signed_in_as(request, Rol.ENS_GESTOR)
    names = district.names(await district.estates(ctx))
    observed = await district.observed(ctx, RECENT_QUARTERS)
    figures = {p.poligon_id: p for p in observed.poligons}
    estates: list[dict[str, Any]] = []
    for poligon_id in usuari.poligons:  # its estates only, each asked for by its id
        vacancies = await call(ctx, location_api.SERVICE, "LlistarVacants", location_api.LlistarVacants(
            estat="per_verificar", poligon=poligon_id, mida=20))
        estates.append({"poligon_id": poligon_id, "nom": names.get(poligon_id, poligon_id),
                        "xifres": figures.get(poligon_id), "vacants": vacancies["items"]})
    feed = await call(ctx, notifications_api.SERVICE, "LlistarNotificacions", notifications_api.LlistarNotificacions(
        destinatari=usuari.email, canal="app", mida=FEED_SIZE))
    return await pages.render(request, "ens_gestor.html", poligons=estates, avisos=feed["items"],
                              actualitzat_el=observed.actualitzat_el)
