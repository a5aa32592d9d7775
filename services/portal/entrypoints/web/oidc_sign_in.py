"""Sign in with the city's identity provider, when it is configured (DISTRICTE_OIDC_*): the sign-in page
shows its button, the provider sends the browser back here, and an account with the address it
vouches for gets a session. Anything odd on the way back is refused, and the reason logged."""

from __future__ import annotations

import secrets

import structlog
from fastapi import APIRouter
from fastapi.responses import RedirectResponse
from starlette.requests import Request
from starlette.responses import Response

from services.portal.adapters.oidc import OidcFailed
from services.portal.adapters.oidc import Request as Attempt
from services.portal.entrypoints.http.dependencies import Context
from services.portal.entrypoints.web.accounts import home_of, sign_in_form
from services.portal.entrypoints.web.errors import error_page
from services.portal.entrypoints.web.language import safe_return_path
from services.portal.entrypoints.web.session import start_session
from services.portal.service_layer.accounts import Refused

router = APIRouter(include_in_schema=False)
ATTEMPT_COOKIE = "oidc"
log = structlog.get_logger()


@router.get("/entrar/oidc")
async def start(request: Request, ctx: Context, seguent: str = "") -> Response:
    if ctx.oidc is None:
        return await error_page(request, 404)
    attempt = Attempt.new()
    try:
        url = await ctx.oidc.provider.authorization_url(attempt)
    except OidcFailed as failed:
        log.warning("oidc_unavailable", reason=str(failed))
        return await error_page(request, 503)
    response = RedirectResponse(url, status_code=303)
    # Lax: the provider's redirect back is a top-level navigation from another site.
    response.set_cookie(ATTEMPT_COOKIE, ctx.oidc.seal(attempt, seguent), max_age=ctx.oidc.lifetime_s,
                        httponly=True, samesite="lax", secure=ctx.secure_cookies, path="/entrar/oidc")
    return response


@router.get("/entrar/oidc/retorn")
async def come_back(request: Request, ctx: Context, code: str = "", state: str = "") -> Response:
    if ctx.oidc is None:
        return await error_page(request, 404)
    try:
        attempt, seguent = ctx.oidc.unseal(request.cookies.get(ATTEMPT_COOKIE, ""))
        if not state or not secrets.compare_digest(state, attempt.state):
            raise OidcFailed("state differs from this browser's attempt")
        if not code:
            raise OidcFailed(f"no code; the provider said {request.query_params.get('error', 'nothing')!r}")
        email = await ctx.oidc.provider.verified_email(code, attempt)
        usuari, secret = await ctx.accounts.sign_in_verified(email)
    except OidcFailed as failed:
        log.warning("oidc_refused", reason=str(failed))
        return await _refused(request, "oidc_fallit")
    except Refused:
        return await _refused(request, "sense_compte")
    response = RedirectResponse(safe_return_path(seguent) if seguent else home_of(usuari.rol), status_code=303)
    response.delete_cookie(ATTEMPT_COOKIE, path="/entrar/oidc")
    start_session(response, secret, ctx.secure_cookies)
    return response


async def _refused(request: Request, why: str) -> Response:
    response = await sign_in_form(request, 403, {"oidc": why})
    response.delete_cookie(ATTEMPT_COOKIE, path="/entrar/oidc")
    return response
