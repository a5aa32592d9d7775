"""An estate's sheet: what it is, who manages it, its companies by sector, its premises on offer."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from services.portal.entrypoints.http.dependencies import Context, call
from services.portal.entrypoints.http.errors import ApiError
from services.portal.entrypoints.web import district
from services.portal.entrypoints.web.rendering import pages
from shared.contracts import census_api, location_api

router = APIRouter(include_in_schema=False)
OFFERS_SHOWN = 6


@router.get("/poligons/{poligon_id}")
async def estate(poligon_id: str, request: Request, ctx: Context) -> Response:
    poligon = next((p for p in await district.estates(ctx) if p["poligon_id"] == poligon_id), None)
    if poligon is None:
        raise ApiError(404, "No existeix cap polígon amb aquest identificador.")
    bodies = [e for e in await call(ctx, census_api.SERVICE, "LlistarEnsGestors") if poligon_id in e["poligons"]]
    observed = await district.observed(ctx)
    figures = next(p for p in observed.poligons if p.poligon_id == poligon_id)
    offers = await call(ctx, location_api.SERVICE, "LlistarOfertes",
                        location_api.LlistarOfertes(poligon=poligon_id, mida=OFFERS_SHOWN))
    sections, _ = await district.classification(ctx)
    return await pages.render(request, "poligon.html", poligon=poligon, ens_gestors=bodies, indicadors=figures,
                        actualitzat_el=observed.actualitzat_el, ofertes=offers,
                        sectors=sectors(figures.per_seccio, sections), noms={poligon_id: poligon["nom"]},
                        punts=district.estate_points([poligon]))


def sectors(per_seccio: dict[str, int], sections: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Companies per CNAE section, largest first, each with its share of the largest (the bar's length)."""
    named = {s["lletra"]: s["nom"] for s in sections}
    counted = sorted(((n, letter) for letter, n in per_seccio.items() if n), key=lambda x: (-x[0], x[1]))
    top = counted[0][0] if counted else 1
    return [{"lletra": letter, "nom": named.get(letter, letter), "empreses": n, "percentatge": round(100 * n / top, 1)}
            for n, letter in counted]
