"""The web pages, their static files and their error pages, added to the portal's application."""

from __future__ import annotations

import xstatic.pkg.leaflet
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from services.portal.entrypoints.web import directory, estates, home, open_data, premises
from services.portal.entrypoints.web.rendering import STATIC

LEAFLET = xstatic.pkg.leaflet.BASE_DIR  # installed from PyPI, never copied into the repository


def install_site(app: FastAPI) -> None:
    for module in (home, estates, directory, premises, open_data):
        app.include_router(module.router)
    app.mount("/static/vendor/leaflet", StaticFiles(directory=LEAFLET), name="leaflet")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
