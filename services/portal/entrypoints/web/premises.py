"""Premises on offer: the search (list and map) and each one's page."""

from __future__ import annotations

import uuid
from collections import Counter
from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from services.portal.entrypoints.http.dependencies import Context, call
from services.portal.entrypoints.web import district, search_form
from services.portal.entrypoints.web.errors import error_page
from services.portal.entrypoints.web.paging import page_links
from services.portal.entrypoints.web.rendering import pages
from shared.contracts import location_api

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 20
ORDERS = ("-data", "preu", "-preu", "superficie", "-superficie")
PUBLIC_STATES = ("disponible", "reservada")


@router.get("/espais")
async def search(request: Request, ctx: Context) -> Response:
    poligons = await district.estates(ctx)
    form = search_form.read(
        request.query_params, whole=("superficie_min", "superficie_max", "preu_min", "preu_max", "pagina"),
        decimal=("alcada_min",), ranges=(("superficie_min", "superficie_max"), ("preu_min", "preu_max")),
        choices={"tipus": ("nau", "solar", "oficina"), "operacio": ("lloguer", "venda"), "ordre": ORDERS,
                 "estat_conservacio": ("nou", "bo", "a_reformar"), "poligon": tuple(p["poligon_id"] for p in poligons)})
    found: dict[str, Any] = {"items": [], "total": 0}
    pagina = max(1, form.values.pop("pagina", 1))
    if form.valid:
        query = location_api.LlistarOfertes(**form.values, pagina=pagina, mida=PAGE_SIZE)
        found = await call(ctx, location_api.SERVICE, "LlistarOfertes", query)
    return await pages.render(request, "espais.html", form=form, resultats=found, noms=district.names(poligons),
                        punts=offer_points(found["items"], poligons),
                        paginacio_dades=page_links(request, pagina, PAGE_SIZE, found["total"]))


@router.get("/espais/{oferta_id}")
async def premises(oferta_id: str, request: Request, ctx: Context) -> Response:
    try:
        parsed = uuid.UUID(oferta_id)
    except ValueError:
        return await error_page(request, 404)
    found = await call(ctx, location_api.SERVICE, "ObtenirOferta", location_api.OfertaRef(oferta_id=parsed))
    if found["estat"] not in PUBLIC_STATES or found["estat_conservacio"] == "obsolet":
        return await error_page(request, 404)
    return await pages.render(request, "espai.html", oferta=found, noms=district.names(await district.estates(ctx)))


def offer_points(offers: list[dict[str, Any]], poligons: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One point per estate (premises have no coordinates of their own yet), with how many are on the page."""
    per_estate = Counter(o["poligon_id"] for o in offers)
    return [{"nom": p["nom"], "url": f"/espais?poligon={p['poligon_id']}", "lat": p["centroide"]["lat"],
             "lon": p["centroide"]["lon"], "n": per_estate[p["poligon_id"]]}
            for p in poligons if per_estate[p["poligon_id"]]]
