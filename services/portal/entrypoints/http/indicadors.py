"""The observatory: indicators per estate and for the whole district (aggregates: anyone may read them)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query

from services.portal.domain.indicators import compose
from services.portal.entrypoints.http.dependencies import Context, PortalContext, call
from services.portal.entrypoints.http.errors import ApiError
from shared.contracts import census_api, location_api
from shared.contracts.indicators import (
    ConsultaIndicadors,
    Indicadors,
    IndicadorsCensDistricte,
    IndicadorsLocalitzacio,
    IndicadorsPoligon,
)

router = APIRouter(tags=["observatori"])
Trimestres = Annotated[int, Query(ge=1, le=40, description="quants trimestres d'entrades i sortides")]


async def observatory(ctx: PortalContext, trimestres: int = 8) -> Indicadors:
    names = {p["poligon_id"]: p["nom"] for p in await call(ctx, census_api.SERVICE, "LlistarPoligons")}
    cens = await call(ctx, census_api.SERVICE, "Indicadors", ConsultaIndicadors(trimestres=trimestres))
    localitzacio = await call(ctx, location_api.SERVICE, "Indicadors")
    return compose(names, IndicadorsCensDistricte.model_validate(cens),
                   IndicadorsLocalitzacio.model_validate(localitzacio), datetime.now(UTC))


@router.get("/api/v1/indicadors", response_model=Indicadors,
            summary="Indicadors de l'observatori: el districte i cada polígon")
async def indicadors(ctx: Context, trimestres: Trimestres = 8) -> Any:
    return await observatory(ctx, trimestres)


@router.get("/api/v1/poligons/{poligon_id}/indicadors", response_model=IndicadorsPoligon,
            summary="Indicadors d'un polígon")
async def del_poligon(poligon_id: str, ctx: Context, trimestres: Trimestres = 8) -> Any:
    found = [p for p in (await observatory(ctx, trimestres)).poligons if p.poligon_id == poligon_id]
    if not found:
        raise ApiError(404, "No existeix cap polígon amb aquest identificador.")
    return found[0]
