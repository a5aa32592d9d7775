"""Location read side for the portal."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import or_

from services.location.adapters.tables import demandes, ofertes
from services.location.domain.demands import Demanda
from services.location.domain.leads import Coincidencia
from services.location.domain.matching import RANG_ESTAT
from services.location.domain.offers import Oferta
from services.location.service_layer.demands import get_demanda
from services.location.service_layer.unit_of_work import LocationUnitOfWork
from shared.contracts.location_api import (
    CoincidenciaView,
    DemandaView,
    EstadistiquesDemandes,
    LlistarDemandes,
    LlistarOfertes,
    Pagina,
)
from shared.errors import NotFound

UowFactory = Callable[..., LocationUnitOfWork]
_ORDER = {"preu": ofertes.c.preu_eur, "superficie": ofertes.c.superficie_m2, "data": ofertes.c.confirmada_el}


def oferta_view(oferta: Oferta) -> dict[str, Any]:
    return oferta.contract().model_dump(mode="json")


def demanda_view(demanda: Demanda) -> dict[str, Any]:
    return DemandaView(**demanda.contract().model_dump(), estat=demanda.estat, resultat=demanda.resultat,
                       registrada_el=demanda.registrada_el, tancada_el=demanda.tancada_el,
                       ).model_dump(mode="json")


def coincidencia_view(lead: Coincidencia, oferta: Oferta) -> dict[str, Any]:
    return CoincidenciaView(coincidencia_id=lead.coincidencia_id, demanda_id=lead.demanda_id,
                            puntuacio=lead.puntuacio, motius=list(lead.motius), versio=lead.versio,
                            resposta=lead.resposta, oferta=oferta.contract(),
                            actualitzada_el=lead.actualitzada_el).model_dump(mode="json")


async def obtenir_oferta(oferta_id: uuid.UUID, uow_factory: UowFactory) -> dict[str, Any]:
    async with uow_factory(readonly=True) as uow:
        oferta = await uow.ofertes.get(oferta_id)
    if oferta is None:
        raise NotFound("No hi ha cap oferta amb aquest identificador.")
    return oferta_view(oferta)


async def llistar_ofertes(query: LlistarOfertes, uow_factory: UowFactory) -> dict[str, Any]:
    c = ofertes.c
    conditions: list[Any] = [] if query.inclou_fora_mercat else [c.estat == "disponible"]
    if not query.inclou_obsoletes:
        conditions.append(c.estat_conservacio != "obsolet")
    price = c.preu_eur
    if query.operacio == "lloguer":
        conditions.append(c.lloguer_mensual.is_not(None))
        price = c.lloguer_mensual
    elif query.operacio == "venda":
        conditions.append(c.preu_venda.is_not(None))
        price = c.preu_venda
    optional = [
        (query.tipus, lambda v: c.tipus == v),
        (query.poligon, lambda v: c.poligon_id == v),
        (query.superficie_min, lambda v: c.superficie_m2 >= v),
        (query.superficie_max, lambda v: c.superficie_m2 <= v),
        (query.preu_min, lambda v: price >= v),
        (query.preu_max, lambda v: price <= v),
        (query.alcada_min, lambda v: c.alcada_lliure_m >= v),
        (query.estat_conservacio, lambda v: c.estat_conservacio_rang <= RANG_ESTAT[v]),
        (query.contacte_email, lambda v: c.contacte_email == v.lower()),
    ]
    conditions += [condition(value) for value, condition in optional if value is not None]
    key = query.ordre.lstrip("-")
    column = price if key == "preu" else _ORDER[key]
    order = column.desc() if query.ordre.startswith("-") else column.asc()
    async with uow_factory(readonly=True) as uow:
        found, total = await uow.ofertes.search(conditions, order, (query.pagina - 1) * query.mida, query.mida)
    return Pagina[dict](items=[oferta_view(o) for o in found], total=total, pagina=query.pagina,
                        mida=query.mida).model_dump(mode="json")


async def obtenir_demanda(demanda_id: uuid.UUID, uow_factory: UowFactory) -> dict[str, Any]:
    async with uow_factory(readonly=True) as uow:
        return demanda_view(await get_demanda(uow, demanda_id))


async def llistar_demandes(query: LlistarDemandes, uow_factory: UowFactory) -> dict[str, Any]:
    conditions: list[Any] = [demandes.c.estat == query.estat] if query.estat else []
    whose = [condition for value, condition in (
        (query.empresa_email, demandes.c.empresa_email == (query.empresa_email or "").lower()),
        (query.empresa_nif, demandes.c.empresa_nif == query.empresa_nif)) if value]
    if whose:
        conditions.append(or_(*whose))
    async with uow_factory(readonly=True) as uow:
        found, total = await uow.demandes.search(conditions, (query.pagina - 1) * query.mida, query.mida)
    return Pagina[dict](items=[demanda_view(d) for d in found], total=total, pagina=query.pagina,
                        mida=query.mida).model_dump(mode="json")


async def coincidencies_de(demanda_id: uuid.UUID, uow_factory: UowFactory) -> list[dict[str, Any]]:
    """The demand's leads, best first, each with its offer as it is now."""
    async with uow_factory(readonly=True) as uow:
        await get_demanda(uow, demanda_id)
        leads = list((await uow.coincidencies.existing_for_demand(demanda_id)).values())
        offers = await uow.ofertes.get_many([lead.oferta_id for lead in leads])
    return [coincidencia_view(lead, offers[lead.oferta_id]) for lead in leads if lead.oferta_id in offers]


async def estadistiques_demandes(uow_factory: UowFactory) -> dict[str, Any]:
    c = demandes.c
    async with uow_factory(readonly=True) as uow:
        per_estat = await uow.demandes.counts(c.estat)
        per_resultat = await uow.demandes.counts(c.resultat)
        per_motiu = await uow.demandes.counts(c.motiu)
        lost = await uow.demandes.count(c.sense_coincidencies_el.is_not(None))
        this_week = await uow.coincidencies.count_since(datetime.now(UTC) - timedelta(days=7))
    return EstadistiquesDemandes(per_estat=per_estat, per_resultat=per_resultat, per_motiu=per_motiu,
                                 sense_coincidencies=lost, coincidencies_setmana=this_week).model_dump(mode="json")
