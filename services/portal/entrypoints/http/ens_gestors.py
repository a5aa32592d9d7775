from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from services.portal.entrypoints.http.dependencies import Context, Staff, call
from shared.contracts.census_api import SERVICE, EnsGestorView, RegistrarEnsGestor

router = APIRouter(prefix="/api/v1/ens-gestors", tags=["ens gestors"])


@router.get("", response_model=list[EnsGestorView], summary="Ens gestors dels polígons")
async def llistar(ctx: Context) -> Any:
    return await call(ctx, SERVICE, "LlistarEnsGestors")


@router.post("", status_code=201, response_model=EnsGestorView, summary="Registrar un ens gestor")
async def registrar(command: RegistrarEnsGestor, ctx: Context, _: Staff) -> Any:
    return await call(ctx, SERVICE, "RegistrarEnsGestor", command)
