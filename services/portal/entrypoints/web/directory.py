"""The company directory and a company's page: legal entities only (a sole trader is a person)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from services.portal.entrypoints.http.dependencies import Context, call
from services.portal.entrypoints.web import district, search_form
from services.portal.entrypoints.web.errors import error_page
from services.portal.entrypoints.web.paging import page_links
from services.portal.entrypoints.web.rendering import pages
from shared.contracts import census_api
from shared.contracts.indicators import headcount_band

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 25


@router.get("/empreses")
async def directory(request: Request, ctx: Context) -> Response:
    poligons = await district.estates(ctx)
    sections, labels = await district.classification(ctx)
    form = search_form.read(request.query_params, text=("q",), whole=("pagina",),
                            choices={"cnae": tuple(labels), "poligon": tuple(p["poligon_id"] for p in poligons)})
    pagina = max(1, form.values.get("pagina", 1))
    query = census_api.LlistarEmpreses(q=form.values.get("q"), cnae=form.values.get("cnae"),
                                       poligon=form.values.get("poligon"), pagina=pagina, mida=PAGE_SIZE)
    found = await call(ctx, census_api.SERVICE, "LlistarEmpreses", query)
    return await pages.render(request, "directori.html", filtres=form.values, cnae=sections, activitats=labels,
                        noms=district.names(poligons), resultats=found,
                        paginacio_dades=page_links(request, pagina, PAGE_SIZE, found["total"]))


@router.get("/empreses/{empresa_id}")
async def company(empresa_id: str, request: Request, ctx: Context) -> Response:
    try:
        parsed = uuid.UUID(empresa_id)
    except ValueError:
        return await error_page(request, 404)
    found = await call(ctx, census_api.SERVICE, "ObtenirEmpresa", census_api.ObtenirEmpresa(empresa_id=parsed))
    if found["persona_fisica"] or found["estat"] != "activa":
        return await error_page(request, 404)
    _, labels = await district.classification(ctx)
    return await pages.render(request, "empresa.html", empresa=found, activitats=labels,
                        noms=district.names(await district.estates(ctx)), tram=headcount_band(found["treballadors"]))
