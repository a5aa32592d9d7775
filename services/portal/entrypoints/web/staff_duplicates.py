"""Staff's review of likely duplicates in the census: the two records side by side with why they look
alike; keep one (the other leaves the census), say they differ, or undo a decision."""

from __future__ import annotations

import uuid

from fastapi import APIRouter
from fastapi.responses import RedirectResponse
from starlette.requests import Request
from starlette.responses import Response

from services.portal.entrypoints.http.dependencies import Context, call
from services.portal.entrypoints.http.errors import ApiError
from services.portal.entrypoints.web import district
from services.portal.entrypoints.web.paging import page_links
from services.portal.entrypoints.web.rendering import pages
from services.portal.entrypoints.web.session import read_form
from services.portal.entrypoints.web.staff import staff_member
from shared.contracts.census_api import SERVICE
from shared.contracts.census_duplicates import DesferDuplicat, LlistarDuplicats, ResoldreDuplicat

router = APIRouter(include_in_schema=False)
STATES = ("pendent", "fusionada", "descartada")
PAGE_SIZE = 20


@router.get("/personal/duplicats")
async def duplicates(request: Request, ctx: Context) -> Response:
    await staff_member(request)
    estat = request.query_params.get("estat", "pendent")
    if estat not in STATES:
        estat = "pendent"
    pagina = max(1, int(request.query_params["pagina"])) if request.query_params.get("pagina", "").isdigit() else 1
    found = await call(ctx, SERVICE, "LlistarDuplicats", LlistarDuplicats(estat=estat, pagina=pagina,  # type: ignore[arg-type]
                                                                          mida=PAGE_SIZE))
    return await pages.render(request, "personal/duplicats.html", duplicats=found, estat=estat,
                              noms=district.names(await district.estates(ctx)), fet=request.query_params.get("fet"),
                              paginacio_dades=page_links(request, pagina, PAGE_SIZE, found["total"]))


@router.post("/personal/duplicats/{duplicat_id}/{accio}")
async def decide(duplicat_id: uuid.UUID, accio: str, request: Request, ctx: Context) -> Response:
    me = await staff_member(request)
    form = await read_form(request)
    if accio == "desfer":
        await call(ctx, SERVICE, "DesferDuplicat", DesferDuplicat(duplicat_id=duplicat_id, usuari=me.nom))
        return RedirectResponse("/personal/duplicats?fet=desfet", status_code=303)
    if accio == "fusionar":
        try:
            kept = uuid.UUID(form.get("conservar", ""))
        except ValueError as exc:
            raise ApiError(404, "No s'ha trobat el recurs.") from exc
        command = ResoldreDuplicat(duplicat_id=duplicat_id, usuari=me.nom, decisio="fusionar", conservar=kept)
    elif accio == "descartar":
        command = ResoldreDuplicat(duplicat_id=duplicat_id, usuari=me.nom, decisio="descartar")
    else:
        raise ApiError(404, "No s'ha trobat el recurs.")
    await call(ctx, SERVICE, "ResoldreDuplicat", command)
    return RedirectResponse(f"/personal/duplicats?fet={accio}", status_code=303)
