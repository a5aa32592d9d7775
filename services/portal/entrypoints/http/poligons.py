from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from services.portal.entrypoints.http.dependencies import Context, call
from shared.contracts.census_api import SERVICE, ObtenirPoligon, PoligonView

router = APIRouter(prefix="/api/v1/poligons", tags=["polígons"])


@router.get("", response_model=list[PoligonView], summary="Els polígons del districte")
async def llistar(ctx: Context) -> Any:
    return await call(ctx, SERVICE, "LlistarPoligons")


@router.get("/{poligon_id}", response_model=PoligonView, summary="Fitxa d'un polígon")
async def obtenir(poligon_id: str, ctx: Context) -> Any:
    return await call(ctx, SERVICE, "ObtenirPoligon", ObtenirPoligon(poligon_id=poligon_id))
