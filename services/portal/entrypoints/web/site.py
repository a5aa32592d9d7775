"""The web pages, their static files and their error pages, added to the portal's application."""

from __future__ import annotations

from urllib.parse import quote

import xstatic.pkg.leaflet
from fastapi import FastAPI
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.requests import Request
from starlette.responses import Response

from services.portal.entrypoints.web import (
    accounts,
    directory,
    estates,
    home,
    looking_for_space,
    management_body,
    management_body_settings,
    oidc_sign_in,
    open_data,
    own_offers,
    own_requests,
    premises,
    staff,
    staff_bodies,
    staff_census,
    staff_company,
    staff_duplicates,
    staff_imports,
    staff_offers,
)
from services.portal.entrypoints.web.rendering import STATIC, pages
from services.portal.entrypoints.web.roles import NotAllowed
from services.portal.entrypoints.web.session import CsrfRefused, signed_in

LEAFLET = xstatic.pkg.leaflet.BASE_DIR  # installed from PyPI, never copied into the repository


def install_site(app: FastAPI) -> None:
    for module in (home, estates, directory, premises, looking_for_space, open_data, accounts, oidc_sign_in, staff,
                   management_body, management_body_settings, own_requests, own_offers, staff_offers, staff_bodies,
                   staff_census, staff_company, staff_duplicates, staff_imports):
        app.include_router(module.router)
    app.add_exception_handler(NotAllowed, _not_allowed)
    app.add_exception_handler(CsrfRefused, _csrf_refused)
    app.mount("/static/vendor/leaflet", StaticFiles(directory=LEAFLET), name="leaflet")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")


async def _not_allowed(request: Request, _: Exception) -> Response:
    """A page for one role: whoever is not signed in signs in first; anyone else may not see it."""
    if await signed_in(request) is None:
        return RedirectResponse(f"/entrar?seguent={quote(request.url.path)}", status_code=303)
    return await pages.render(request, "error.html", 403, status=403)


async def _csrf_refused(request: Request, _: Exception) -> Response:
    """A form not sent from this site's own page, or from a page too old: nothing was done."""
    return await pages.render(request, "error.html", 403, status="csrf")
