"""Errors on a page are pages too, in the reader's language (the API keeps its JSON problems)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from services.portal.entrypoints.web.rendering import pages


def wants_page(request: Request) -> bool:
    path = request.url.path
    return (not path.startswith(("/api/", "/health", "/metrics"))
            and "text/html" in request.headers.get("accept", ""))


async def page_for_error(request: Request, status: int) -> Response | None:
    return await error_page(request, status) if wants_page(request) else None


async def error_page(request: Request, status: int) -> Response:
    return await pages.render(request, "error.html", status_code=status, status=status)
