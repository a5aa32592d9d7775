"""One company's record for staff: correct it, confirm it is up to date, record that it left or moved
to another estate (its management bodies hear of each), and who changed what."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from fastapi import APIRouter
from fastapi.responses import RedirectResponse
from starlette.requests import Request
from starlette.responses import Response

from services.portal.entrypoints.http.dependencies import Context, call
from services.portal.entrypoints.web import district
from services.portal.entrypoints.web.company_form import changes, read_record, typed_from
from services.portal.entrypoints.web.refusals import call_or_reasons
from services.portal.entrypoints.web.rendering import pages
from services.portal.entrypoints.web.session import read_form
from services.portal.entrypoints.web.staff import staff_member
from services.portal.entrypoints.web.typed_values import CHOICE, REQUIRED
from shared.contracts import census_api

router = APIRouter(include_in_schema=False)
DEPARTURES = ("tancament", "trasllat_fora", "altres")
DATE_INVALID = "data_no_valida"


@router.get("/personal/empreses/{empresa_id}")
async def record(empresa_id: uuid.UUID, request: Request, ctx: Context) -> Response:
    await staff_member(request)
    return await _page(request, ctx, empresa_id, None, {}, {}, request.query_params.get("fet"))


@router.post("/personal/empreses/{empresa_id}")
async def correct(empresa_id: uuid.UUID, request: Request, ctx: Context) -> Response:
    await staff_member(request)
    current = await _company(ctx, empresa_id)
    typed, errors, values = read_record(await read_form(request))
    reasons: dict[str, str] = {}
    if not errors:
        changed = changes(current, values)
        if not changed:
            return RedirectResponse(f"/personal/empreses/{empresa_id}?fet=sense_canvis", status_code=303)
        done, reasons = await call_or_reasons(ctx, census_api.SERVICE, "ModificarEmpresa",
                                              census_api.ModificarEmpresa(empresa_id=empresa_id, **changed))
        if done is not None:
            return RedirectResponse(f"/personal/empreses/{empresa_id}?fet=modificada", status_code=303)
    return await _page(request, ctx, empresa_id, typed, errors, reasons, None, 422, current)


@router.post("/personal/empreses/{empresa_id}/confirmacio")
async def confirm(empresa_id: uuid.UUID, request: Request, ctx: Context) -> Response:
    await staff_member(request)
    await read_form(request)
    await call(ctx, census_api.SERVICE, "ConfirmarEmpresa", census_api.ConfirmarEmpresa(empresa_id=empresa_id))
    return RedirectResponse(f"/personal/empreses/{empresa_id}?fet=confirmada", status_code=303)


@router.post("/personal/empreses/{empresa_id}/baixa")
async def leave(empresa_id: uuid.UUID, request: Request, ctx: Context) -> Response:
    await staff_member(request)
    form = await read_form(request)
    typed = {name: form.get(f"baixa_{name}", "").strip() for name in ("motiu", "municipi_desti", "data_baixa")}
    errors = {} if typed["motiu"] in DEPARTURES else {"motiu": CHOICE if typed["motiu"] else REQUIRED}
    when = _date(typed, "data_baixa", errors)
    reasons: dict[str, str] = {}
    if not errors:
        done, reasons = await call_or_reasons(ctx, census_api.SERVICE, "DonarDeBaixaEmpresa",
                                              census_api.DonarDeBaixaEmpresa(
                                                  empresa_id=empresa_id, motiu=typed["motiu"],  # type: ignore[arg-type]
                                                  municipi_desti=typed["municipi_desti"] or None, data_baixa=when))
        if done is not None:
            return RedirectResponse(f"/personal/empreses/{empresa_id}?fet=baixa", status_code=303)
    return await _page(request, ctx, empresa_id, None, _within("baixa", errors), _within("baixa", reasons), None,
                       422, baixa=typed)


@router.post("/personal/empreses/{empresa_id}/trasllat")
async def move(empresa_id: uuid.UUID, request: Request, ctx: Context) -> Response:
    await staff_member(request)
    form = await read_form(request)
    typed = {name: form.get(f"trasllat_{name}", "").strip() for name in ("poligon_id", "adreca", "data_trasllat")}
    estates = {p["poligon_id"] for p in await district.estates(ctx)}
    errors = {} if typed["poligon_id"] in estates else {"poligon_id": CHOICE if typed["poligon_id"] else REQUIRED}
    when = _date(typed, "data_trasllat", errors)
    reasons: dict[str, str] = {}
    if not errors:
        done, reasons = await call_or_reasons(ctx, census_api.SERVICE, "TraslladarEmpresa",
                                              census_api.TraslladarEmpresa(
                                                  empresa_id=empresa_id, poligon_id=typed["poligon_id"],
                                                  adreca=typed["adreca"] or None, data_trasllat=when))
        if done is not None:
            return RedirectResponse(f"/personal/empreses/{empresa_id}?fet=traslladada", status_code=303)
    return await _page(request, ctx, empresa_id, None, _within("trasllat", errors), _within("trasllat", reasons),
                       None, 422, trasllat=typed)


def _within(form: str, found: dict[str, str]) -> dict[str, str]:
    """A second form's errors, named as its fields are (apart from the record's, on the same page)."""
    return {f"{form}_{name}": why for name, why in found.items()}


def _date(typed: dict[str, str], name: str, errors: dict[str, str]) -> date | None:
    """A date as the browser's date field sends it (YYYY-MM-DD); empty means today, for the service."""
    if not typed[name]:
        return None
    try:
        return date.fromisoformat(typed[name])
    except ValueError:
        errors[name] = DATE_INVALID
        return None


async def _company(ctx: Context, empresa_id: uuid.UUID) -> dict[str, Any]:
    return await call(ctx, census_api.SERVICE, "ObtenirEmpresa", census_api.ObtenirEmpresa(empresa_id=empresa_id))


async def _page(request: Request, ctx: Context, empresa_id: uuid.UUID, typed: dict[str, Any] | None,
                errors: dict[str, str], reasons: dict[str, str], fet: str | None, status: int = 200,
                empresa: dict[str, Any] | None = None, **typed_elsewhere: dict[str, str]) -> Response:
    empresa = empresa or await _company(ctx, empresa_id)
    poligons = await district.estates(ctx)
    _, labels = await district.classification(ctx)
    history = await call(ctx, census_api.SERVICE, "HistorialEmpresa", census_api.HistorialEmpresa(
        empresa_id=empresa_id))
    return await pages.render(request, "personal/empresa.html", status, empresa=empresa, activitats=labels,
                              typed=typed if typed is not None else typed_from(empresa), errors=errors,
                              motius=reasons, fet=fet, alerta_fitxa=any(
                                  not name.startswith(("baixa_", "trasllat_")) for name in {**errors, **reasons}), poligons=poligons, noms=district.names(poligons),
                              historial=history, baixa=typed_elsewhere.get("baixa", {}),
                              trasllat=typed_elsewhere.get("trasllat", {}))
