"""Demand commands: file a request, close it with its outcome, answer a lead."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Literal

from services.location.adapters.links import Enllac, LinkSigner
from services.location.domain.demands import Demanda
from services.location.domain.leads import Coincidencia
from services.location.service_layer.matchmaking import match_demand
from services.location.service_layer.unit_of_work import LocationUnitOfWork
from shared.contracts.envelope import new_event
from shared.contracts.location import (
    DemandaPerConfirmar,
    DemandaRegistrada,
    DemandaSenseCoincidencies,
    DemandaTancada,
)
from shared.contracts.location_api import RegistrarDemanda, RespondreCoincidencia, TancarDemanda
from shared.errors import Conflict, NotFound

UowFactory = Callable[[], LocationUnitOfWork]


def new_demand(command: RegistrarDemanda, known_poligons: set[str], now: datetime) -> Demanda:
    """The request a command describes, validated (the company's fields flattened)."""
    values = command.model_dump(exclude={"empresa", "consentiment", "verificada"})
    values |= {f"empresa_{name}": value for name, value in command.empresa.model_dump().items()}
    return Demanda.nova(values, command.consentiment, known_poligons, now, verificada=command.verificada)


async def registrar_demanda(command: RegistrarDemanda, uow_factory: UowFactory, signer: LinkSigner,
                            correlation_id: str | None) -> Demanda:
    """Active at once when staff file it; otherwise pending until the company confirms by mail."""
    now = datetime.now(UTC)
    async with uow_factory() as uow:
        demanda = new_demand(command, await uow.poligons.ids(), now)
        await uow.demandes.add(demanda)
        if demanda.activa:
            await uow.add_events(new_event(DemandaRegistrada(demanda=demanda.contract()),
                                           correlation_id=correlation_id))
            await match_demand(demanda, uow, now, correlation_id)
        else:
            token = signer.sign(Enllac("confirmar_demanda", demanda.demanda_id,
                                       Enllac.versio_de(demanda.registrada_el)))
            await uow.add_events(new_event(DemandaPerConfirmar(
                demanda_id=demanda.demanda_id, empresa=demanda.contract().empresa, token_confirmar=token),
                correlation_id=correlation_id))
        await uow.commit()
    return demanda


async def tancar_demanda(command: TancarDemanda, uow_factory: UowFactory,
                         correlation_id: str | None) -> Demanda:
    async with uow_factory() as uow:
        demanda = await get_demanda(uow, command.demanda_id)
        demanda.tanca(command.resultat, datetime.now(UTC))
        await uow.demandes.save(demanda)
        await uow.add_events(new_event(DemandaTancada(demanda_id=demanda.demanda_id,
                                                      resultat=command.resultat),
                                       correlation_id=correlation_id))
        await uow.commit()
    return demanda


async def respondre_coincidencia(command: RespondreCoincidencia, uow_factory: UowFactory,
                                 correlation_id: str | None) -> Coincidencia:
    async with uow_factory() as uow:
        lead = await uow.coincidencies.get(command.coincidencia_id)
        if lead is None:
            raise NotFound("No hi ha cap coincidència amb aquest identificador.")
        await answer(uow, lead, command.resposta, datetime.now(UTC), correlation_id)
        await uow.commit()
    return lead


async def answer(uow: LocationUnitOfWork, lead: Coincidencia, resposta: Literal["m_interessa", "descartada"],
                 now: datetime, correlation_id: str | None) -> None:
    """Record the company's answer; interest (only) passes its details to the offer's contact."""
    demanda = await uow.demandes.get(lead.demanda_id)
    if demanda is None or not demanda.activa:
        raise Conflict("La demanda d'aquesta coincidència ja està tancada.")
    if lead.respon(resposta, now):
        await uow.add_events(new_event(lead.interes(), correlation_id=correlation_id))
    await uow.coincidencies.save(lead)


async def informar_demandes_sense_coincidencies(uow_factory: UowFactory, now: datetime, dies: int,
                                                batch: int = 200) -> int:
    """Tell staff, once, of each request that found nothing in its first ``dies`` days."""
    async with uow_factory() as uow:
        lost = await uow.demandes.without_leads(now - timedelta(days=dies), batch)
        for demanda in lost:
            demanda.sense_coincidencies_el = now
            await uow.demandes.save(demanda)
            await uow.add_events(new_event(DemandaSenseCoincidencies(demanda=demanda.contract(), dies=dies)))
        await uow.commit()
    return len(lost)


async def get_demanda(uow: LocationUnitOfWork, demanda_id: uuid.UUID) -> Demanda:
    demanda = await uow.demandes.get(demanda_id)
    if demanda is None:
        raise NotFound("No hi ha cap demanda amb aquest identificador.")
    return demanda
