"""Companies' requests for premises and their leads.

Anyone may file a request: it stays pending until its company confirms the address with the
link mailed to it (staff-filed ones are active at once). Reading requests and leads is for
staff: they carry people's contact details.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from services.portal.entrypoints.http.dependencies import (
    Context,
    MaybePrincipal,
    Staff,
    call,
    passthrough,
)
from shared.contracts.location_api import (
    SERVICE,
    CoincidenciaView,
    DemandaEntrada,
    DemandaRef,
    DemandaView,
    EstadistiquesDemandes,
    LlistarDemandes,
    Pagina,
    RegistrarDemanda,
    RespondreCoincidencia,
    Resposta,
    Tancament,
    TancarDemanda,
)

router = APIRouter(prefix="/api/v1", tags=["demandes"])


@router.post("/demandes", status_code=201, response_model=DemandaView, summary="Registrar una demanda d'espai")
async def registrar(demanda: DemandaEntrada, ctx: Context, caller: MaybePrincipal) -> Any:
    command = RegistrarDemanda(**demanda.model_dump(exclude_unset=True),
                               verificada=caller is not None and caller.is_staff)
    return passthrough(await call(ctx, SERVICE, "RegistrarDemanda", command), 201)


@router.get("/demandes", response_model=Pagina[DemandaView], summary="Llistar demandes")
async def llistar(ctx: Context, _: Staff, estat: Literal["activa", "tancada"] | None = None,
                  pagina: Annotated[int, Query(ge=1)] = 1,
                  mida: Annotated[int, Query(ge=1, le=200)] = 50) -> Any:
    query = LlistarDemandes(estat=estat, pagina=pagina, mida=mida)
    return passthrough(await call(ctx, SERVICE, "LlistarDemandes", query))


@router.get("/demandes/estadistiques", response_model=EstadistiquesDemandes,
            summary="Què ha passat amb les demandes: instal·lades a Terrassa, marxades, sense coincidències")
async def estadistiques(ctx: Context, _: Staff) -> Any:
    return passthrough(await call(ctx, SERVICE, "EstadistiquesDemandes"))


@router.get("/demandes/{demanda_id}", response_model=DemandaView, summary="Fitxa d'una demanda")
async def obtenir(demanda_id: uuid.UUID, ctx: Context, _: Staff) -> Any:
    return passthrough(await call(ctx, SERVICE, "ObtenirDemanda", DemandaRef(demanda_id=demanda_id)))


@router.get("/demandes/{demanda_id}/coincidencies", response_model=list[CoincidenciaView],
            summary="Ofertes que encaixen amb una demanda, les millors primer")
async def coincidencies(demanda_id: uuid.UUID, ctx: Context, _: Staff) -> Any:
    return passthrough(await call(ctx, SERVICE, "CoincidenciesDemanda", DemandaRef(demanda_id=demanda_id)))


@router.post("/demandes/{demanda_id}/tancament", response_model=DemandaView,
             summary="Tancar una demanda amb el seu resultat")
async def tancar(demanda_id: uuid.UUID, tancament: Tancament, ctx: Context, _: Staff) -> Any:
    command = TancarDemanda(demanda_id=demanda_id, resultat=tancament.resultat)
    return passthrough(await call(ctx, SERVICE, "TancarDemanda", command))


@router.post("/coincidencies/{coincidencia_id}/resposta", summary="Respondre a una coincidència")
async def respondre(coincidencia_id: uuid.UUID, resposta: Resposta, ctx: Context, _: Staff) -> Any:
    command = RespondreCoincidencia(coincidencia_id=coincidencia_id, resposta=resposta.resposta)
    return passthrough(await call(ctx, SERVICE, "RespondreCoincidencia", command))
