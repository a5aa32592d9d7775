"""The district at a glance, and the language switch."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import RedirectResponse
from starlette.requests import Request
from starlette.responses import Response

from services.portal.entrypoints.http.dependencies import Context, call
from services.portal.entrypoints.web import district
from services.portal.entrypoints.web.language import COOKIE, ONE_YEAR_S, safe_return_path
from services.portal.entrypoints.web.rendering import pages
from shared.contracts import location_api
from shared.i18n import LANGUAGES

router = APIRouter(include_in_schema=False)
LATEST = 6


@router.get("/")
async def home(request: Request, ctx: Context) -> Response:
    poligons = await district.estates(ctx)
    indicadors = await district.observed(ctx)
    latest = await call(ctx, location_api.SERVICE, "LlistarOfertes", location_api.LlistarOfertes(mida=LATEST))
    return await pages.render(request, "inici.html", poligons=poligons, districte=indicadors.districte,
                        ofertes=latest["items"], noms=district.names(poligons), punts=district.estate_points(poligons))


@router.get("/idioma")
async def switch_language(idioma: str, tornar: str | None = None) -> Response:
    response = RedirectResponse(safe_return_path(tornar), status_code=303)
    if idioma in LANGUAGES:
        response.set_cookie(COOKIE, idioma, max_age=ONE_YEAR_S, httponly=True, samesite="lax")
    return response
