"""Which language a visitor reads: the one they chose (a cookie), else their browser's, else Catalan."""

from __future__ import annotations

from starlette.requests import Request

from shared.i18n import LANGUAGES, SOURCE_LANGUAGE

COOKIE = "idioma"
ONE_YEAR_S = 365 * 24 * 3600


def from_accept_language(header: str) -> str | None:
    """The first of our languages the browser asks for, by its quality values."""
    weighted = []
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        weighted.append((-quality, position, tag.strip().lower().split("-")[0]))
    for _, _, language in sorted(weighted):
        if language in LANGUAGES:
            return language
    return None


def language_of(request: Request) -> str:
    chosen = request.cookies.get(COOKIE)
    if chosen in LANGUAGES:
        return chosen
    return from_accept_language(request.headers.get("accept-language", "")) or SOURCE_LANGUAGE


def safe_return_path(path: str | None) -> str:
    """Where to go back after switching language: a path of this site only (never another host)."""
    if not path or not path.startswith("/") or path.startswith("//") or "\\" in path:
        return "/"
    return path
