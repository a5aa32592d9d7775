from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter

from services.portal.entrypoints.http.dependencies import Context, Staff, call
from shared.contracts.census_api import (
    SERVICE,
    ActualitzarEnsGestor,
    CanvisEnsGestor,
    EnsGestorView,
    RegistrarEnsGestor,
)

router = APIRouter(prefix="/api/v1/ens-gestors", tags=["ens gestors"])


@router.get("", response_model=list[EnsGestorView], summary="Ens gestors dels polígons")
async def llistar(ctx: Context) -> Any:
    return await call(ctx, SERVICE, "LlistarEnsGestors")


@router.post("", status_code=201, response_model=EnsGestorView, summary="Registrar un ens gestor")
async def registrar(command: RegistrarEnsGestor, ctx: Context, _: Staff) -> Any:
    return await call(ctx, SERVICE, "RegistrarEnsGestor", command)


@router.patch("/{ens_gestor_id}", response_model=EnsGestorView,
              summary="Modificar un ens gestor (nom, adreça, polígons; només els camps enviats)")
async def actualitzar(ens_gestor_id: uuid.UUID, canvis: CanvisEnsGestor, ctx: Context, _: Staff) -> Any:
    command = ActualitzarEnsGestor(ens_gestor_id=ens_gestor_id, **canvis.model_dump(exclude_unset=True))
    return await call(ctx, SERVICE, "ActualitzarEnsGestor", command)
