"""The open data page: the files, their licence and date."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from services.portal.entrypoints.http.dades_obertes import ATTRIBUTION, LICENCE
from services.portal.entrypoints.web.rendering import pages

router = APIRouter(include_in_schema=False)


@router.get("/dades-obertes")
async def open_data(request: Request) -> Response:
    return await pages.render(request, "dades_obertes.html", llicencia=LICENCE, atribucio=ATTRIBUTION,
                        generat_el=datetime.now(UTC))
