"""Rendering pages: one Jinja2 environment per language, security headers on every page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.requests import Request

from services.portal.entrypoints.web.language import language_of
from services.portal.entrypoints.web.session import csrf_token, keep_csrf_cookie, signed_in
from shared.i18n import LANGUAGES, install

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
LOCALES = ROOT / "locale"
STATIC = ROOT / "static"
TILES = "https://tile.openstreetmap.org"
# Scripts and styles only from this site (Leaflet is served from its PyPI package); map tiles
# from OpenStreetMap when the browser is online.
SECURITY_HEADERS = {
    "Content-Security-Policy": f"default-src 'self'; img-src 'self' data: {TILES}; style-src 'self'; "
                               "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
                               "form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def environment(idioma: str) -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, extensions=["jinja2.ext.i18n"], auto_reload=False,
                      trim_blocks=True, lstrip_blocks=True)
    install(env, LOCALES, idioma)
    env.globals.update(idioma=idioma, idiomes=LANGUAGES, tiles=TILES)
    return env


class Pages:
    def __init__(self) -> None:
        self._envs = {idioma: environment(idioma) for idioma in LANGUAGES}

    async def render(self, request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        env = self._envs[language_of(request)]
        usuari = await signed_in(request)
        html = env.get_template(name).render(request_path=request.url.path, query=request.url.query,
                                             usuari=usuari, csrf=csrf_token(request), **context)
        private = {"Cache-Control": "no-store"} if usuari else {}  # a person's own page stays theirs
        response = HTMLResponse(html, status_code=status_code, headers={**SECURITY_HEADERS, **private})
        keep_csrf_cookie(request, response, request.app.state.portal.secure_cookies)
        return response


pages = Pages()
