"""Staff's management bodies screen: each body with its address and estates; register one, or change
one's name, address or estates (the census tells notifications, which then writes to it for them)."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter
from fastapi.responses import RedirectResponse
from starlette.requests import Request
from starlette.responses import Response

from services.portal.entrypoints.http.dependencies import Context, call
from services.portal.entrypoints.web import district
from services.portal.entrypoints.web.rendering import pages
from services.portal.entrypoints.web.session import read_form
from services.portal.entrypoints.web.staff import staff_member
from services.portal.entrypoints.web.typed_values import EMAIL_INVALID, REQUIRED, is_email
from shared.contracts import census_api

router = APIRouter(include_in_schema=False)


@router.get("/personal/ens-gestors")
async def bodies(request: Request, ctx: Context) -> Response:
    await staff_member(request)
    return await _page(request, ctx, {}, {}, request.query_params.get("fet"))


@router.post("/personal/ens-gestors")
async def register(request: Request, ctx: Context) -> Response:
    await staff_member(request)
    form = await read_form(request)
    chosen = [p["poligon_id"] for p in await district.estates(ctx) if form.get(f"poligon_{p['poligon_id']}")]
    typed = {"nom": form.get("nom", "").strip(), "email": form.get("email", "").strip(), "poligons": chosen}
    errors = _errors(typed)
    if errors:
        return await _page(request, ctx, typed, errors, None, 422)
    await call(ctx, census_api.SERVICE, "RegistrarEnsGestor", census_api.RegistrarEnsGestor(**typed))
    return RedirectResponse("/personal/ens-gestors?fet=registrat", status_code=303)


@router.post("/personal/ens-gestors/{ens_gestor_id}")
async def change(ens_gestor_id: uuid.UUID, request: Request, ctx: Context) -> Response:
    """Its name, its address (where its notices go) and its estates."""
    await staff_member(request)
    form = await read_form(request)
    chosen = [p["poligon_id"] for p in await district.estates(ctx) if form.get(f"poligon_{p['poligon_id']}")]
    typed = {"nom": form.get(f"nom_{ens_gestor_id}", "").strip(), "email": form.get(f"email_{ens_gestor_id}", "").strip(),
             "poligons": chosen}
    errors = _errors(typed)
    if errors:
        return await _page(request, ctx, {f"{k}_{ens_gestor_id}": v for k, v in typed.items()},
                           {f"{k}_{ens_gestor_id}": v for k, v in errors.items()}, None, 422)
    await call(ctx, census_api.SERVICE, "ActualitzarEnsGestor", census_api.ActualitzarEnsGestor(
        ens_gestor_id=ens_gestor_id, **typed))
    return RedirectResponse("/personal/ens-gestors?fet=actualitzat", status_code=303)


def _errors(typed: dict[str, Any]) -> dict[str, str]:
    errors = {name: REQUIRED for name in ("nom", "email") if not typed[name]}
    if typed["email"] and "email" not in errors and not is_email(typed["email"]):
        errors["email"] = EMAIL_INVALID
    if not typed["poligons"]:
        errors["poligons"] = "cal_poligon"
    return errors


async def _page(request: Request, ctx: Context, typed: dict[str, Any], errors: dict[str, str], fet: str | None,
                status: int = 200) -> Response:
    poligons = await district.estates(ctx)
    listed = await call(ctx, census_api.SERVICE, "LlistarEnsGestors")
    return await pages.render(request, "personal/ens_gestors.html", status, ens_gestors=listed, poligons=poligons,
                              noms=district.names(poligons), typed=typed, errors=errors, fet=fet)
