"""Companies of the census. Sole traders are natural persons: the public never sees them."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query

from services.portal.entrypoints.http.dependencies import (
    Context,
    MaybePrincipal,
    Staff,
    call,
    passthrough,
)
from services.portal.entrypoints.http.errors import ApiError
from shared.contracts.census_api import (
    SERVICE,
    Baixa,
    CanvisEmpresa,
    ConfirmarEmpresa,
    DonarDeBaixaEmpresa,
    EmpresaView,
    EntitatView,
    EntradaAuditoria,
    HistorialEmpresa,
    LlistarEmpreses,
    ModificarEmpresa,
    ObtenirEmpresa,
    ObtenirEntitat,
    Pagina,
    RegistrarEmpresa,
    TraslladarEmpresa,
    Trasllat,
)

router = APIRouter(prefix="/api/v1/empreses", tags=["empreses"])
entitats_router = APIRouter(prefix="/api/v1/entitats", tags=["empreses"])


@router.post("", status_code=201, response_model=EmpresaView, summary="Registrar una empresa al cens")
async def registrar(command: RegistrarEmpresa, ctx: Context, _: Staff) -> Any:
    return passthrough(await call(ctx, SERVICE, "RegistrarEmpresa", command), 201)


@router.get("", response_model=Pagina[EmpresaView], summary="Cercar empreses")
async def llistar(ctx: Context, caller: MaybePrincipal,
                  poligon: Annotated[str | None, Query(max_length=80)] = None,
                  cnae: Annotated[str | None, Query(max_length=10)] = None,
                  q: Annotated[str | None, Query(max_length=100)] = None,
                  pagina: Annotated[int, Query(ge=1)] = 1,
                  mida: Annotated[int, Query(ge=1, le=200)] = 50,
                  sense_confirmar_mesos: Annotated[int | None, Query(
                      ge=1, le=120, description="personal tècnic: les no confirmades en aquests mesos")] = None) -> Any:
    staff = caller is not None and caller.is_staff
    if sense_confirmar_mesos is not None and not staff:
        raise ApiError(403, "Aquesta acció és només per al personal tècnic.")
    query = LlistarEmpreses(poligon=poligon, cnae=cnae, q=q, pagina=pagina, mida=mida, inclou_persones_fisiques=staff,
                            sense_confirmar_mesos=sense_confirmar_mesos)
    return passthrough(await call(ctx, SERVICE, "LlistarEmpreses", query))


@router.get("/{empresa_id}", response_model=EmpresaView, summary="Fitxa d'una empresa")
async def obtenir(empresa_id: uuid.UUID, ctx: Context, caller: MaybePrincipal) -> Any:
    empresa = await call(ctx, SERVICE, "ObtenirEmpresa", ObtenirEmpresa(empresa_id=empresa_id))
    if empresa["persona_fisica"] and not (caller and caller.is_staff):
        raise ApiError(404, "No existeix cap empresa amb aquest identificador.")
    return empresa


@router.patch("/{empresa_id}", response_model=EmpresaView,
              summary="Modificar les dades d'una empresa (només els camps enviats; el seu ens gestor n'és avisat)")
async def modificar(empresa_id: uuid.UUID, canvis: CanvisEmpresa, ctx: Context, _: Staff) -> Any:
    command = ModificarEmpresa(empresa_id=empresa_id, **canvis.model_dump(exclude_unset=True))
    return passthrough(await call(ctx, SERVICE, "ModificarEmpresa", command))


@router.post("/{empresa_id}/baixa", response_model=EmpresaView,
             summary="Donar de baixa una empresa que ha deixat el polígon (possible vacant)")
async def donar_de_baixa(empresa_id: uuid.UUID, baixa: Baixa, ctx: Context, _: Staff) -> Any:
    command = DonarDeBaixaEmpresa(empresa_id=empresa_id, **baixa.model_dump())
    return passthrough(await call(ctx, SERVICE, "DonarDeBaixaEmpresa", command))


@router.get("/{empresa_id}/historial", response_model=list[EntradaAuditoria],
            summary="Qui ha canviat què de la fitxa d'una empresa, i quan")
async def historial(empresa_id: uuid.UUID, ctx: Context, _: Staff) -> Any:
    return passthrough(await call(ctx, SERVICE, "HistorialEmpresa", HistorialEmpresa(empresa_id=empresa_id)))


@router.post("/{empresa_id}/confirmacio", response_model=EmpresaView,
             summary="Confirmar que la fitxa d'una empresa és al dia")
async def confirmar(empresa_id: uuid.UUID, ctx: Context, _: Staff) -> Any:
    return passthrough(await call(ctx, SERVICE, "ConfirmarEmpresa", ConfirmarEmpresa(empresa_id=empresa_id)))


@router.post("/{empresa_id}/trasllat", response_model=EmpresaView,
             summary="Traslladar una empresa a un altre polígon del districte (en són avisats els dos ens gestors)")
async def traslladar(empresa_id: uuid.UUID, trasllat: Trasllat, ctx: Context, _: Staff) -> Any:
    command = TraslladarEmpresa(empresa_id=empresa_id, **trasllat.model_dump(exclude_unset=True))
    return passthrough(await call(ctx, SERVICE, "TraslladarEmpresa", command))


@entitats_router.get("/{nif}", response_model=EntitatView,
                     summary="Una empresa com a persona jurídica, amb els seus establiments als polígons")
async def entitat(nif: str, ctx: Context, caller: MaybePrincipal,
                  inclou_inactius: Annotated[bool, Query(description="personal tècnic: també els de baixa")] = False) -> Any:
    staff = caller is not None and caller.is_staff
    if inclou_inactius and not staff:
        raise ApiError(403, "Aquesta acció és només per al personal tècnic.")
    found = await call(ctx, SERVICE, "ObtenirEntitat", ObtenirEntitat(nif=nif, inclou_inactius=inclou_inactius))
    if found["persona_fisica"] and not staff:
        raise ApiError(404, "No hi ha cap empresa amb aquest NIF al cens.")
    return found
