"""Possible vacancies: premises a departed company may have left free, for staff to verify."""

from __future__ import annotations

import uuid
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from services.portal.entrypoints.http.dependencies import Context, Staff, call, passthrough
from services.portal.entrypoints.http.scope import StaffOrBody, estate_for
from shared.contracts.location_api import (
    SERVICE,
    LlistarVacants,
    Pagina,
    ResoldreVacant,
    Resolucio,
    VacantView,
)

router = APIRouter(prefix="/api/v1/vacants-possibles", tags=["vacants"])


@router.get("", response_model=Pagina[VacantView], summary="Possibles vacants per verificar",
            description="Un ens gestor, només les dels seus polígons.")
async def llistar(ctx: Context, who: StaffOrBody,
                  estat: Literal["per_verificar", "confirmada", "descartada"] | None = None,
                  poligon: Annotated[str | None, Query(max_length=80)] = None,
                  pagina: Annotated[int, Query(ge=1)] = 1,
                  mida: Annotated[int, Query(ge=1, le=200)] = 50) -> Any:
    query = LlistarVacants(estat=estat, poligon=estate_for(who, poligon), pagina=pagina, mida=mida)
    return passthrough(await call(ctx, SERVICE, "LlistarVacants", query))


@router.post("/{vacant_id}/resolucio", response_model=VacantView,
             summary="Resoldre una possible vacant: lliure (confirmada) o no (descartada)")
async def resoldre(vacant_id: uuid.UUID, resolucio: Resolucio, ctx: Context, _: Staff) -> Any:
    command = ResoldreVacant(vacant_id=vacant_id, **resolucio.model_dump())
    return passthrough(await call(ctx, SERVICE, "ResoldreVacant", command))
