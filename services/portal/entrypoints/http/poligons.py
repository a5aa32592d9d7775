from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from services.portal.entrypoints.http.dependencies import Context, call, passthrough
from shared.contracts.census_api import SERVICE, ObtenirPoligon, PoligonView, SeccioCnae

router = APIRouter(prefix="/api/v1/poligons", tags=["polígons"])


@router.get("", response_model=list[PoligonView], summary="Els polígons del districte")
async def llistar(ctx: Context) -> Any:
    return await call(ctx, SERVICE, "LlistarPoligons")


@router.get("/{poligon_id}", response_model=PoligonView, summary="Fitxa d'un polígon")
async def obtenir(poligon_id: str, ctx: Context) -> Any:
    return await call(ctx, SERVICE, "ObtenirPoligon", ObtenirPoligon(poligon_id=poligon_id))


cnae_router = APIRouter(prefix="/api/v1/cnae", tags=["empreses"])


@cnae_router.get("", response_model=list[SeccioCnae], summary="Activitats: la classificació CNAE-2009",
                 description="Seccions i divisions amb el nom en català; les 629 classes.")
async def cnae(ctx: Context) -> Any:
    return passthrough(await call(ctx, SERVICE, "ClassificacioCnae"))
