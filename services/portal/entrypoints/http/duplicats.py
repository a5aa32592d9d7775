"""Likely duplicates in the census (staff): review, merge or dismiss, undo."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query

from services.portal.entrypoints.http.dependencies import Context, Staff, call, passthrough
from shared.contracts.api import Pagina
from shared.contracts.census_api import SERVICE
from shared.contracts.census_duplicates import (
    Decisio,
    DesferDuplicat,
    DuplicatView,
    EstatDuplicat,
    LlistarDuplicats,
    ResoldreDuplicat,
)

router = APIRouter(prefix="/api/v1/duplicats", tags=["cens"])


@router.get("", response_model=Pagina[DuplicatView], summary="Possibles duplicats al cens",
            description="Els més probables primer; per defecte, els pendents de decidir.")
async def llistar(ctx: Context, _: Staff, estat: EstatDuplicat | None = "pendent",
                  poligon: Annotated[str | None, Query(max_length=80)] = None,
                  pagina: Annotated[int, Query(ge=1)] = 1, mida: Annotated[int, Query(ge=1, le=200)] = 50) -> Any:
    query = LlistarDuplicats(estat=estat, poligon=poligon, pagina=pagina, mida=mida)
    return passthrough(await call(ctx, SERVICE, "LlistarDuplicats", query))


@router.post("/{duplicat_id}/resolucio", response_model=DuplicatView, summary="Fusionar o descartar un duplicat",
             description="`fusionar` conserva la fitxa `conservar` i retira l'altra del cens (es pot desfer); "
                         "`descartar` diu que són empreses diferents.")
async def resoldre(duplicat_id: uuid.UUID, body: Decisio, ctx: Context, who: Staff) -> Any:
    command = ResoldreDuplicat(duplicat_id=duplicat_id, usuari=who.nom, **body.model_dump(exclude_unset=True))
    return passthrough(await call(ctx, SERVICE, "ResoldreDuplicat", command))


@router.post("/{duplicat_id}/desfer", response_model=DuplicatView, summary="Desfer la decisió sobre un duplicat")
async def desfer(duplicat_id: uuid.UUID, ctx: Context, who: Staff) -> Any:
    return passthrough(await call(ctx, SERVICE, "DesferDuplicat", DesferDuplicat(duplicat_id=duplicat_id,
                                                                                  usuari=who.nom)))
