from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from services.portal.entrypoints.http.dependencies import Context, Staff, call, passthrough
from shared.contracts.census_api import (
    SERVICE,
    Correspondencia,
    CorrespondenciaCnae,
    ObtenirPoligon,
    PoligonView,
    SeccioCnae,
)
from shared.contracts.census_estates import ActualitzarPoligon, CanvisPoligon

router = APIRouter(prefix="/api/v1/poligons", tags=["polígons"])


@router.get("", response_model=list[PoligonView], summary="Els polígons del districte")
async def llistar(ctx: Context) -> Any:
    return await call(ctx, SERVICE, "LlistarPoligons")


@router.get("/{poligon_id}", response_model=PoligonView, summary="Fitxa d'un polígon")
async def obtenir(poligon_id: str, ctx: Context) -> Any:
    return await call(ctx, SERVICE, "ObtenirPoligon", ObtenirPoligon(poligon_id=poligon_id))


@router.patch("/{poligon_id}", response_model=PoligonView,
              summary="Actualitzar la fitxa d'un polígon (el que s'ha comprovat, i quan)")
async def actualitzar(poligon_id: str, canvis: CanvisPoligon, ctx: Context, _: Staff) -> Any:
    command = ActualitzarPoligon(poligon_id=poligon_id, **canvis.model_dump(exclude_unset=True))
    return passthrough(await call(ctx, SERVICE, "ActualitzarPoligon", command))


cnae_router = APIRouter(prefix="/api/v1/cnae", tags=["empreses"])


@cnae_router.get("", response_model=list[SeccioCnae], summary="Activitats: la classificació CNAE-2009",
                 description="Seccions i divisions amb el nom en català; les 629 classes.")
async def cnae(ctx: Context) -> Any:
    return passthrough(await call(ctx, SERVICE, "ClassificacioCnae"))


@cnae_router.get("/correspondencia", response_model=Correspondencia,
                 summary="Una activitat a la CNAE-2009 i a la CNAE-2025 (on la correspondència és unívoca)")
async def correspondencia(ctx: Context, cnae: Annotated[str | None, Query(max_length=10)] = None,
                          cnae_2025: Annotated[str | None, Query(max_length=10)] = None) -> Any:
    query = CorrespondenciaCnae(cnae=cnae, cnae_2025=cnae_2025)
    return passthrough(await call(ctx, SERVICE, "CorrespondenciaCnae", query))
