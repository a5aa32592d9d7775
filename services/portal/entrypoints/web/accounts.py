"""Signing in and out, choosing a password (from an invitation or after forgetting it), one's account."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from fastapi.responses import RedirectResponse
from starlette.requests import Request
from starlette.responses import Response

from services.portal.domain.access import Rol
from services.portal.entrypoints.http.dependencies import Context
from services.portal.entrypoints.http.errors import ApiError
from services.portal.entrypoints.web import district
from services.portal.entrypoints.web.language import safe_return_path
from services.portal.entrypoints.web.rendering import pages
from services.portal.entrypoints.web.session import (
    SESSION_COOKIE,
    end_session,
    read_form,
    signed_in,
    start_session,
)
from services.portal.service_layer.accounts import Refused, TooManyAttempts
from shared.errors import Rejected

router = APIRouter(include_in_schema=False)
LINK_KINDS: dict[str, Literal["compte_invitacio", "compte_restabliment"]] = {
    "invitacio": "compte_invitacio", "contrasenya": "compte_restabliment"}


def home_of(rol: Rol) -> str:
    return {Rol.PERSONAL_TECNIC: "/personal", Rol.ENS_GESTOR: "/ens-gestor", Rol.EMPRESA: "/empresa",
            Rol.PROPIETARI: "/propietari"}[rol]


def client_of(request: Request) -> str:
    return request.client.host if request.client else "desconegut"


async def sign_in_form(request: Request, status: int = 200, errors: dict[str, str] | None = None, email: str = "",
                       seguent: str = "", massa_intents: bool = False) -> Response:
    """The sign-in page, with the city's identity provider's button when one is configured."""
    oidc = request.app.state.portal.oidc
    return await pages.render(request, "entrar.html", status, errors=errors or {}, email=email, seguent=seguent,
                              massa_intents=massa_intents, oidc_nom=oidc.nom if oidc else None)


@router.get("/entrar")
async def sign_in_page(request: Request, seguent: str = "") -> Response:
    return await sign_in_form(request, seguent=seguent)


@router.post("/entrar")
async def sign_in(request: Request, ctx: Context) -> Response:
    form = await read_form(request)
    email, password = form.get("email", "").strip(), form.get("contrasenya", "")
    seguent = form.get("seguent", "")
    try:
        usuari, secret = await ctx.accounts.sign_in(email, password, client_of(request))
    except Refused as refused:
        return await sign_in_form(request, refused.status, refused.errors, email, seguent)
    except TooManyAttempts:
        return await sign_in_form(request, 429, email=email, seguent=seguent, massa_intents=True)
    response = RedirectResponse(safe_return_path(seguent) if seguent else home_of(usuari.rol), status_code=303)
    start_session(response, secret, ctx.secure_cookies)
    return response


@router.post("/sortir")
async def sign_out(request: Request, ctx: Context) -> Response:
    await read_form(request)
    secret = request.cookies.get(SESSION_COOKIE)
    if secret:
        await ctx.accounts.sign_out(secret)
    response = RedirectResponse("/", status_code=303)
    end_session(response, ctx.secure_cookies)
    return response


@router.get("/compte")
async def my_account(request: Request, ctx: Context) -> Response:
    if await signed_in(request) is None:
        return RedirectResponse("/entrar?seguent=/compte", status_code=303)
    return await pages.render(request, "compte.html", noms=district.names(await district.estates(ctx)))


@router.get("/compte/contrasenya")
async def forgotten_page(request: Request) -> Response:
    return await pages.render(request, "contrasenya_oblidada.html", errors={}, email="", enviat=False)


@router.post("/compte/contrasenya")
async def forgotten(request: Request, ctx: Context) -> Response:
    form = await read_form(request)
    email = form.get("email", "").strip()
    if "@" not in email:
        return await pages.render(request, "contrasenya_oblidada.html", 422, errors={"email": "email_no_valid"},
                                  email=email, enviat=False)
    await ctx.accounts.request_reset(email)
    return await pages.render(request, "contrasenya_oblidada.html", errors={}, email="", enviat=True)


@router.get("/compte/{kind}/{token}")
async def choose_password_page(kind: str, token: str, request: Request, ctx: Context) -> Response:
    if kind not in LINK_KINDS:
        raise ApiError(404, "No s'ha trobat el recurs.")
    try:
        titular = await ctx.accounts.holder_of_link(LINK_KINDS[kind], token)
    except (Rejected, Refused) as exc:
        return await _link_refused(request, exc)
    return await pages.render(request, "contrasenya_nova.html", titular=titular, errors={},
                              accio=f"/compte/{kind}/{token}")


@router.post("/compte/{kind}/{token}")
async def choose_password(kind: str, token: str, request: Request, ctx: Context) -> Response:
    if kind not in LINK_KINDS:
        raise ApiError(404, "No s'ha trobat el recurs.")
    form = await read_form(request)
    password = form.get("contrasenya", "")
    try:
        usuari = await ctx.accounts.choose_password(LINK_KINDS[kind], token, password, form.get("repeticio", ""))
    except Refused as refused:
        if "enllac" in refused.errors:
            return await _link_refused(request, refused)
        titular = await ctx.accounts.holder_of_link(LINK_KINDS[kind], token)
        return await pages.render(request, "contrasenya_nova.html", refused.status, titular=titular,
                                  errors=refused.errors, accio=f"/compte/{kind}/{token}")
    except Rejected as exc:
        return await _link_refused(request, exc)
    try:
        _, secret = await ctx.accounts.sign_in(usuari.email, password, client_of(request))
    except TooManyAttempts:  # the password is saved; signing in waits like any other
        return RedirectResponse("/entrar", status_code=303)
    response = RedirectResponse(home_of(usuari.rol), status_code=303)
    start_session(response, secret, ctx.secure_cookies)
    return response


async def _link_refused(request: Request, exc: Exception) -> Response:
    status = getattr(exc, "status", 400)
    codi = getattr(exc, "codi", "enllac_no_valid")
    return await pages.render(request, "enllac_compte.html", status, codi=codi)
