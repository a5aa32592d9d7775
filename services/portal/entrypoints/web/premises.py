"""Premises on offer: the search (list and map) and each one's page."""

from __future__ import annotations

import uuid
from collections import Counter
from functools import partial
from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from services.portal.entrypoints.http.dependencies import Context, PortalContext, call
from services.portal.entrypoints.web import district, search_form
from services.portal.entrypoints.web.accounts import client_of
from services.portal.entrypoints.web.errors import error_page
from services.portal.entrypoints.web.paging import page_links
from services.portal.entrypoints.web.rendering import pages
from services.portal.entrypoints.web.session import read_form
from services.portal.entrypoints.web.typed_values import (
    EMAIL_INVALID,
    PHONE_INVALID,
    REQUIRED,
    is_email,
    is_phone,
)
from services.portal.service_layer.accounts import TooManyAttempts
from services.portal.service_layer.enquiries import send_enquiry
from shared.contracts import location_api, notifications_api

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
    found = await public_offer(ctx, oferta_id)
    if found is None:
        return await error_page(request, 404)
    return await _premises_page(request, ctx, found, {}, {})


@router.post("/espais/{oferta_id}/consulta")
async def ask(oferta_id: str, request: Request, ctx: Context) -> Response:
    found = await public_offer(ctx, oferta_id)
    if found is None:
        return await error_page(request, 404)
    typed = {name: value.strip() for name, value in (await read_form(request)).items()}
    errors = enquiry_errors(typed)
    if errors:
        return await _premises_page(request, ctx, found, typed, errors, 422)
    names = district.names(await district.estates(ctx))
    try:
        await send_enquiry(ctx.uow, partial(call, ctx, notifications_api.SERVICE), client_of(request), found,
                           names.get(found["poligon_id"], found["poligon_id"]), typed)
    except TooManyAttempts:
        return await _premises_page(request, ctx, found, typed, {"missatge": "massa_consultes"}, 429)
    return await pages.render(request, "consulta_enviada.html", oferta=found)


async def public_offer(ctx: PortalContext, oferta_id: str) -> dict[str, Any] | None:
    """The offer as the public may see it (on the market, not obsolete), contact included for the
    portal's own use; None otherwise."""
    try:
        parsed = uuid.UUID(oferta_id)
    except ValueError:
        return None
    found = await call(ctx, location_api.SERVICE, "ObtenirOferta", location_api.OfertaRef(oferta_id=parsed))
    if found["estat"] not in PUBLIC_STATES or found["estat_conservacio"] == "obsolet":
        return None
    return found


def enquiry_errors(typed: dict[str, str]) -> dict[str, str]:
    errors = {name: REQUIRED for name in ("nom", "email", "missatge") if not typed.get(name)}
    if typed.get("email") and "email" not in errors and not is_email(typed["email"]):
        errors["email"] = EMAIL_INVALID
    if len(typed.get("missatge", "")) > 2000:
        errors["missatge"] = "massa_llarg"
    if typed.get("telefon") and not is_phone(typed["telefon"]):
        errors["telefon"] = PHONE_INVALID
    if not typed.get("consentiment"):
        errors["consentiment"] = "consentiment_consulta"
    return errors


async def _premises_page(request: Request, ctx: PortalContext, oferta: dict[str, Any], typed: dict[str, str],
                         errors: dict[str, str], status: int = 200) -> Response:
    return await pages.render(request, "espai.html", status, oferta=dict(oferta, contacte=None), typed=typed,
                              errors=errors, noms=district.names(await district.estates(ctx)))


def offer_points(offers: list[dict[str, Any]], poligons: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One point per estate (premises have no coordinates of their own yet), with how many are on the page."""
    per_estate = Counter(o["poligon_id"] for o in offers)
    return [{"nom": p["nom"], "url": f"/espais?poligon={p['poligon_id']}", "lat": p["centroide"]["lat"],
             "lon": p["centroide"]["lon"], "n": per_estate[p["poligon_id"]]}
            for p in poligons if per_estate[p["poligon_id"]]]
