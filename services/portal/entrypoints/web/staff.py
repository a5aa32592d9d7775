"""Staff screens: the dashboard (what waits for someone) and the people with an account."""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from fastapi import APIRouter
from fastapi.responses import RedirectResponse
from starlette.requests import Request
from starlette.responses import Response

from services.portal.domain.access import Rol
from services.portal.domain.accounts import Usuari, invitation_problems
from services.portal.entrypoints.http.dependencies import Context, PortalContext, call
from services.portal.entrypoints.http.errors import ApiError
from services.portal.entrypoints.web import district
from services.portal.entrypoints.web.rendering import pages
from services.portal.entrypoints.web.roles import signed_in_as
from services.portal.entrypoints.web.session import read_form
from services.portal.entrypoints.web.typed_values import (
    CHOICE,
    EMAIL_INVALID,
    REQUIRED,
    is_email,
)
from services.portal.service_layer.accounts import Refused
from shared.contracts import census_api, location_api
from shared.contracts.census_duplicates import LlistarDuplicats
from shared.i18n import LANGUAGES
from shared.identifiers import parse_nif
from shared.messaging.dead_letter_admin import LlistarDeadLetters
from shared.messaging.topology import OWNERS

router = APIRouter(include_in_schema=False)


async def staff_member(request: Request) -> Usuari:
    return await signed_in_as(request, Rol.PERSONAL_TECNIC)


@router.get("/personal")
async def dashboard(request: Request, ctx: Context) -> Response:
    await staff_member(request)
    return await pages.render(request, "personal/tauler.html", xifres=await waiting(ctx))


async def waiting(ctx: PortalContext) -> dict[str, int | None]:
    """What waits for staff; a figure a service cannot give now is None (shown as such, never 0)."""
    async def figure(service: str, name: str, request: Any, pick: Any) -> int | None:
        try:
            return pick(await call(ctx, service, name, request))
        except ApiError:
            return None

    total = itemgetter("total")
    letters = [await figure(service, "admin.LlistarDeadLetters", LlistarDeadLetters(), len) for service in OWNERS]
    return {
        "vacants": await figure(location_api.SERVICE, "LlistarVacants",
                                location_api.LlistarVacants(estat="per_verificar", mida=1), total),
        **await _demands(figure),
        "sense_confirmar": await figure(census_api.SERVICE, "LlistarEmpreses", census_api.LlistarEmpreses(
            sense_confirmar_mesos=12, mida=1, inclou_persones_fisiques=True), total),
        "duplicats": await figure(census_api.SERVICE, "LlistarDuplicats", LlistarDuplicats(mida=1), total),
        "missatges_morts": None if None in letters else sum(n for n in letters if n is not None),
    }


async def _demands(figure: Any) -> dict[str, int | None]:
    """Two figures from one question to location."""
    stats = await figure(location_api.SERVICE, "EstadistiquesDemandes", None, lambda found: found)
    if stats is None:
        return {"demandes_sense_coincidencies": None, "coincidencies_setmana": None}
    return {"demandes_sense_coincidencies": stats["sense_coincidencies"],
            "coincidencies_setmana": stats["coincidencies_setmana"]}


@router.get("/personal/usuaris")
async def users(request: Request, ctx: Context) -> Response:
    await staff_member(request)
    return await _users_page(request, ctx, errors={}, typed={})


@router.post("/personal/usuaris")
async def invite(request: Request, ctx: Context) -> Response:
    me = await staff_member(request)
    form = await read_form(request)
    poligons = await district.estates(ctx)
    typed = {name: form.get(name, "").strip() for name in ("nom", "email", "rol", "idioma", "nif")}
    chosen = tuple(p["poligon_id"] for p in poligons if form.get(f"poligon_{p['poligon_id']}"))
    errors = invitation_errors(typed, chosen, {p["poligon_id"] for p in poligons})
    if not errors:
        try:
            nif = parse_nif(typed["nif"]).value if typed["rol"] in ("empresa", "propietari") else None
            await ctx.accounts.invite(me.principal(), typed["email"], typed["nom"], Rol(typed["rol"]),
                                      typed["idioma"], chosen if typed["rol"] == "ens_gestor" else (), nif)
        except Refused as refused:
            errors = refused.errors
        else:
            return RedirectResponse("/personal/usuaris?convidat=1", status_code=303)
    return await _users_page(request, ctx, errors=errors, typed=typed | {"poligons": chosen}, status=422)


def invitation_errors(typed: dict[str, str], poligons: tuple[str, ...], known: set[str]) -> dict[str, str]:
    errors = {name: REQUIRED for name in ("nom", "email") if not typed[name]}
    if typed["email"] and "email" not in errors and not is_email(typed["email"]):
        errors["email"] = EMAIL_INVALID
    if typed["idioma"] not in LANGUAGES:
        errors["idioma"] = CHOICE
    return errors | invitation_problems(typed["rol"], poligons, typed["nif"], known)


@router.post("/personal/usuaris/{usuari_id}/{accio}")
async def act_on_user(usuari_id: str, accio: str, request: Request, ctx: Context) -> Response:
    await staff_member(request)
    await read_form(request)
    if accio == "desactivacio":
        await ctx.accounts.deactivate(usuari_id)
    elif accio == "invitacio":
        await ctx.accounts.resend_invitation(usuari_id)
    else:
        raise ApiError(404, "No s'ha trobat el recurs.")
    return RedirectResponse(f"/personal/usuaris?{accio}=1", status_code=303)


async def _users_page(request: Request, ctx: Context, errors: dict[str, str], typed: dict[str, Any],
                      status: int = 200) -> Response:
    poligons = await district.estates(ctx)
    return await pages.render(request, "personal/usuaris.html", status, usuaris=await ctx.accounts.all(),
                              errors=errors, typed=typed, poligons=poligons, noms=district.names(poligons),
                              fet=next((k for k in ("convidat", "desactivacio", "invitacio")
                                        if request.query_params.get(k)), None))
