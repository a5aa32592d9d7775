"""Staff's census screen: find any record (sole traders and records not confirmed in a year too) and
register a company by hand; each record's own page is in staff_company.py."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import RedirectResponse
from starlette.requests import Request
from starlette.responses import Response

from services.portal.entrypoints.http.dependencies import Context, call
from services.portal.entrypoints.web import district, search_form
from services.portal.entrypoints.web.company_form import read_new_company
from services.portal.entrypoints.web.paging import page_links
from services.portal.entrypoints.web.refusals import call_or_reasons
from services.portal.entrypoints.web.rendering import pages
from services.portal.entrypoints.web.session import read_form
from services.portal.entrypoints.web.staff import staff_member
from shared.contracts import census_api

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 25
UNCONFIRMED_MONTHS = 12


@router.get("/personal/empreses")
async def census(request: Request, ctx: Context) -> Response:
    await staff_member(request)
    return await _page(request, ctx, {}, {}, {})


@router.post("/personal/empreses")
async def register(request: Request, ctx: Context) -> Response:
    await staff_member(request)
    estates = tuple(p["poligon_id"] for p in await district.estates(ctx))
    typed, errors, body = read_new_company(await read_form(request), estates)
    reasons: dict[str, str] = {}
    if not errors:
        registered, reasons = await call_or_reasons(ctx, census_api.SERVICE, "RegistrarEmpresa",
                                                    census_api.RegistrarEmpresa(**body))
        if registered is not None:
            return RedirectResponse(f"/personal/empreses/{registered['empresa_id']}?fet=registrada", status_code=303)
    return await _page(request, ctx, typed, errors, reasons, 422)


async def _page(request: Request, ctx: Context, typed: dict[str, Any], errors: dict[str, str],
                reasons: dict[str, str], status: int = 200) -> Response:
    poligons = await district.estates(ctx)
    form = search_form.read(request.query_params, text=("q", "sense_confirmar"), whole=("pagina",),
                            choices={"poligon": tuple(p["poligon_id"] for p in poligons)})
    pagina = max(1, form.values.get("pagina", 1))
    query = census_api.LlistarEmpreses(
        q=form.values.get("q"), poligon=form.values.get("poligon"), pagina=pagina, mida=PAGE_SIZE,
        inclou_persones_fisiques=True,
        sense_confirmar_mesos=UNCONFIRMED_MONTHS if form.values.get("sense_confirmar") else None)
    found = await call(ctx, census_api.SERVICE, "LlistarEmpreses", query)
    return await pages.render(request, "personal/empreses.html", status, filtres=form.values, resultats=found,
                              poligons=poligons, noms=district.names(poligons), typed=typed, errors=errors,
                              motius=reasons, paginacio_dades=page_links(request, pagina, PAGE_SIZE, found["total"]))
