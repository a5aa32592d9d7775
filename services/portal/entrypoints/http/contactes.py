"""A company's contact persons (staff only), and the rights of each: access and erasure."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Response

from services.portal.entrypoints.http.dependencies import Context, Staff, call, passthrough
from shared.contracts.census_api import SERVICE
from shared.contracts.census_contacts import (
    AfegirContacte,
    ContacteRef,
    ContacteView,
    ExportacioContacte,
    LlistarContactes,
    NouContacte,
)

router = APIRouter(prefix="/api/v1/empreses/{empresa_id}/contactes", tags=["contactes"])


@router.post("", status_code=201, response_model=ContacteView,
             summary="Afegir una persona de contacte (només dades de contacte professional)")
async def afegir(empresa_id: uuid.UUID, contacte: NouContacte, ctx: Context, _: Staff) -> Any:
    command = AfegirContacte(empresa_id=empresa_id, **contacte.model_dump())
    return passthrough(await call(ctx, SERVICE, "AfegirContacte", command), 201)


@router.get("", response_model=list[ContacteView], summary="Persones de contacte d'una empresa")
async def llistar(empresa_id: uuid.UUID, ctx: Context, _: Staff) -> Any:
    return passthrough(await call(ctx, SERVICE, "LlistarContactes", LlistarContactes(empresa_id=empresa_id)))


@router.get("/{contacte_id}/exportacio", response_model=ExportacioContacte,
            summary="Dret d'accés: tot el que el cens té d'una persona de contacte, en JSON")
async def exportar(empresa_id: uuid.UUID, contacte_id: uuid.UUID, ctx: Context, _: Staff) -> Any:
    result = await call(ctx, SERVICE, "ExportarContacte", ContacteRef(empresa_id=empresa_id, contacte_id=contacte_id))
    response: Response = passthrough(result)
    response.headers["Content-Disposition"] = f'attachment; filename="contacte-{contacte_id}.json"'
    return response


@router.post("/{contacte_id}/supressio", response_model=ContacteView,
             summary="Dret de supressió: esborrar les dades d'una persona de contacte arreu del districte")
async def suprimir(empresa_id: uuid.UUID, contacte_id: uuid.UUID, ctx: Context, _: Staff) -> Any:
    ref = ContacteRef(empresa_id=empresa_id, contacte_id=contacte_id)
    return passthrough(await call(ctx, SERVICE, "SuprimirContacte", ref))
