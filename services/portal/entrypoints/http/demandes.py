"""Companies' requests for premises and their leads.

Anyone may file a request: it stays pending until its company confirms the address with the
link mailed to it (staff-filed ones are active at once). Reading requests and leads is for
staff, who see every one, and for a company, which sees its own: they carry people's contact details.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from services.portal.domain.access import Principal
from services.portal.entrypoints.http.dependencies import (
    Context,
    MaybePrincipal,
    PortalContext,
    Staff,
    call,
    passthrough,
)
from services.portal.entrypoints.http.errors import ApiError
from services.portal.entrypoints.http.scope import NOT_FOUND, StaffOrCompany, owns_request
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


@router.get("/demandes", response_model=Pagina[DemandaView], summary="Llistar demandes",
            description="Una empresa, les seves (per la seva adreça o el seu NIF).")
async def llistar(ctx: Context, who: StaffOrCompany, estat: Literal["activa", "tancada"] | None = None,
                  pagina: Annotated[int, Query(ge=1)] = 1,
                  mida: Annotated[int, Query(ge=1, le=200)] = 50) -> Any:
    if not (who.is_staff or who.email or who.nif):  # a company known by nothing owns nothing
        return {"items": [], "total": 0, "pagina": pagina, "mida": mida}
    own = {} if who.is_staff else {"empresa_email": who.email, "empresa_nif": who.nif}
    query = LlistarDemandes(estat=estat, pagina=pagina, mida=mida, **own)
    return passthrough(await call(ctx, SERVICE, "LlistarDemandes", query))


async def requests_of(ctx: PortalContext, email: str | None, nif: str | None) -> list[dict[str, Any]]:
    """A company's requests, each with its leads (best first): its screen, and what it may answer."""
    if not (email or nif):  # with neither, location would list every company's
        return []
    found = await call(ctx, SERVICE, "LlistarDemandes", LlistarDemandes(empresa_email=email, empresa_nif=nif,
                                                                        mida=200))
    return [dict(demanda, coincidencies=await call(ctx, SERVICE, "CoincidenciesDemanda",
                                                   DemandaRef(demanda_id=demanda["demanda_id"])))
            for demanda in found["items"]]


@router.get("/demandes/estadistiques", response_model=EstadistiquesDemandes,
            summary="Què ha passat amb les demandes: instal·lades a Terrassa, marxades, sense coincidències")
async def estadistiques(ctx: Context, _: Staff) -> Any:
    return passthrough(await call(ctx, SERVICE, "EstadistiquesDemandes"))


@router.get("/demandes/{demanda_id}", response_model=DemandaView, summary="Fitxa d'una demanda")
async def obtenir(demanda_id: uuid.UUID, ctx: Context, who: StaffOrCompany) -> Any:
    return await _own_request(ctx, who, demanda_id)


@router.get("/demandes/{demanda_id}/coincidencies", response_model=list[CoincidenciaView],
            summary="Ofertes que encaixen amb una demanda, les millors primer")
async def coincidencies(demanda_id: uuid.UUID, ctx: Context, who: StaffOrCompany) -> Any:
    await _own_request(ctx, who, demanda_id)
    return passthrough(await call(ctx, SERVICE, "CoincidenciesDemanda", DemandaRef(demanda_id=demanda_id)))


@router.post("/demandes/{demanda_id}/tancament", response_model=DemandaView,
             summary="Tancar una demanda amb el seu resultat")
async def tancar(demanda_id: uuid.UUID, tancament: Tancament, ctx: Context, _: Staff) -> Any:
    command = TancarDemanda(demanda_id=demanda_id, resultat=tancament.resultat)
    return passthrough(await call(ctx, SERVICE, "TancarDemanda", command))


@router.post("/coincidencies/{coincidencia_id}/resposta", summary="Respondre a una coincidència")
async def respondre(coincidencia_id: uuid.UUID, resposta: Resposta, ctx: Context, who: StaffOrCompany) -> Any:
    if not who.is_staff:
        mine = {lead["coincidencia_id"] for demanda in await requests_of(ctx, who.email, who.nif)
                for lead in demanda["coincidencies"]}
        if str(coincidencia_id) not in mine:
            raise ApiError(404, NOT_FOUND)
    command = RespondreCoincidencia(coincidencia_id=coincidencia_id, resposta=resposta.resposta)
    return passthrough(await call(ctx, SERVICE, "RespondreCoincidencia", command))


async def _own_request(ctx: PortalContext, who: Principal, demanda_id: uuid.UUID) -> dict[str, Any]:
    demanda = await call(ctx, SERVICE, "ObtenirDemanda", DemandaRef(demanda_id=demanda_id))
    if not owns_request(who, demanda):
        raise ApiError(404, NOT_FOUND)
    return demanda
