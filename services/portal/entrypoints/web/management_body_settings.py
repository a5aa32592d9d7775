"""A management body's settings: what it is told, about which of its estates, where and how often; and
the webhooks that carry its notices into its own systems (the signing secret shown once)."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter
from fastapi.responses import RedirectResponse
from starlette.requests import Request
from starlette.responses import Response

from services.portal.domain.access import RECIPIENT_ROLE, Rol
from services.portal.domain.accounts import Usuari
from services.portal.entrypoints.http.dependencies import Context, call
from services.portal.entrypoints.web import district
from services.portal.entrypoints.web.refusals import call_or_reasons
from services.portal.entrypoints.web.rendering import pages
from services.portal.entrypoints.web.roles import signed_in_as
from services.portal.entrypoints.web.session import read_form
from services.portal.entrypoints.web.typed_values import CHOICE, REQUIRED
from shared.contracts import notifications_api as api
from shared.i18n import LANGUAGES

router = APIRouter(include_in_schema=False)
# What a management body may be told: its estates' news, and a webhook of its own that stopped.
KINDS = ("empresa_registrada", "empresa_modificada", "empresa_baixa", "empresa_traslladada", "importacio_empreses",
         "nau_disponible", "vacant_possible", "webhook_desactivat")
CHANNELS = ("email", "app", "webhook")
FREQUENCIES = ("immediata", "diaria", "setmanal")


async def _body(request: Request) -> Usuari:
    return await signed_in_as(request, Rol.ENS_GESTOR)


@router.get("/ens-gestor/preferencies")
async def preferences(request: Request, ctx: Context) -> Response:
    usuari = await _body(request)
    current = await call(ctx, api.SERVICE, "ObtenirPreferencies", api.ObtenirPreferencies(
        destinatari=usuari.email, rol=RECIPIENT_ROLE[usuari.rol]))
    if current["poligons"] is None:
        current["poligons"] = list(usuari.poligons)
    return await _preferences_page(request, ctx, usuari, current, {}, request.query_params.get("fet"))


@router.post("/ens-gestor/preferencies")
async def save_preferences(request: Request, ctx: Context) -> Response:
    usuari = await _body(request)
    form = await read_form(request)
    typed: dict[str, Any] = {
        "tipus": [kind for kind in KINDS if form.get(f"tipus_{kind}")],
        "poligons": [p for p in usuari.poligons if form.get(f"poligon_{p}")],  # its own estates, whatever is sent
        "canals": [channel for channel in CHANNELS if form.get(f"canal_{channel}")],
        "frequencia": form.get("frequencia", ""), "hora_resum": form.get("hora_resum", ""),
        "idioma": form.get("idioma", "")}
    errors = {"canals": "cal_canal"} if not typed["canals"] else {}
    if not typed["poligons"]:
        errors["poligons"] = "cal_poligon"
    for name, options in (("frequencia", FREQUENCIES), ("idioma", LANGUAGES),
                          ("hora_resum", tuple(str(hour) for hour in range(24)))):
        if typed[name] not in options:
            errors[name] = CHOICE
    if errors:
        return await _preferences_page(request, ctx, usuari, typed, errors, None, 422)
    # Every one of its estates means every estate it will ever look after, not a list frozen today.
    every = set(typed["poligons"]) == set(usuari.poligons)
    await call(ctx, api.SERVICE, "DesarPreferencies", api.DesarPreferencies(
        destinatari=usuari.email, rol=RECIPIENT_ROLE[usuari.rol], tipus=typed["tipus"],
        poligons=None if every else typed["poligons"], canals=typed["canals"], frequencia=typed["frequencia"],
        hora_resum=int(typed["hora_resum"]), idioma=typed["idioma"]))
    return RedirectResponse("/ens-gestor/preferencies?fet=desades", status_code=303)


async def _preferences_page(request: Request, ctx: Context, usuari: Usuari, typed: dict[str, Any],
                            errors: dict[str, str], fet: str | None, status: int = 200) -> Response:
    names = district.names(await district.estates(ctx))
    return await pages.render(request, "ens_gestor_preferencies.html", status, typed=typed, errors=errors, fet=fet,
                              tipus=KINDS, poligons=[(p, names.get(p, p)) for p in usuari.poligons])


@router.get("/ens-gestor/webhooks")
async def webhooks(request: Request, ctx: Context) -> Response:
    usuari = await _body(request)
    return await _webhooks_page(request, ctx, usuari, {}, {}, fet=request.query_params.get("fet"))


@router.post("/ens-gestor/webhooks")
async def register_webhook(request: Request, ctx: Context) -> Response:
    usuari = await _body(request)
    form = await read_form(request)
    typed = {"url": form.get("url", "").strip(), "descripcio": form.get("descripcio", "").strip()}
    if not typed["url"]:
        return await _webhooks_page(request, ctx, usuari, typed, {"url": REQUIRED}, status=422)
    created, reasons = await call_or_reasons(ctx, api.SERVICE, "RegistrarWebhook", api.RegistrarWebhook(
        propietari=usuari.email, rol=RECIPIENT_ROLE[usuari.rol], url=typed["url"],
        descripcio=typed["descripcio"] or None))
    if created is None:
        return await _webhooks_page(request, ctx, usuari, typed, {}, reasons, status=422)
    return await _webhooks_page(request, ctx, usuari, {}, {}, creat=created)  # its secret: only on this answer


@router.post("/ens-gestor/webhooks/{webhook_id}/{accio}")
async def act_on_webhook(webhook_id: uuid.UUID, accio: str, request: Request, ctx: Context) -> Response:
    usuari = await _body(request)
    await read_form(request)
    ref = api.WebhookRef(webhook_id=webhook_id, propietari=usuari.email)  # its own only: notifications checks
    if accio == "prova":
        result = await call(ctx, api.SERVICE, "ProvarWebhook", ref)
        return await _webhooks_page(request, ctx, usuari, {}, {}, prova=result | {"webhook_id": str(webhook_id)})
    if accio != "esborrar":
        return RedirectResponse("/ens-gestor/webhooks", status_code=303)
    await call(ctx, api.SERVICE, "EsborrarWebhook", ref)
    return RedirectResponse("/ens-gestor/webhooks?fet=esborrat", status_code=303)


async def _webhooks_page(request: Request, ctx: Context, usuari: Usuari, typed: dict[str, str],
                         errors: dict[str, str], reasons: dict[str, str] | None = None, status: int = 200,
                         **shown: Any) -> Response:
    own = await call(ctx, api.SERVICE, "LlistarWebhooks", api.LlistarWebhooks(propietari=usuari.email))
    return await pages.render(request, "ens_gestor_webhooks.html", status, webhooks=own, typed=typed, errors=errors,
                              motius=reasons or {}, creat=shown.get("creat"), prova=shown.get("prova"),
                              fet=shown.get("fet"))
