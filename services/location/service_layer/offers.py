"""Offer commands: publish, change, confirm, reserve, withdraw; and expiry."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from services.location.domain.offers import Oferta
from services.location.service_layer.matchmaking import match_offer
from services.location.service_layer.unit_of_work import LocationUnitOfWork
from shared.contracts.envelope import new_event
from shared.contracts.location import (
    CanviOferta,
    MotiuRetirada,
    NauDisponible,
    OfertaActualitzada,
    OfertaRetirada,
)
from shared.contracts.location_api import ActualitzarOferta, CanvisOferta, PublicarOferta
from shared.errors import NotFound

UowFactory = Callable[[], LocationUnitOfWork]


async def publicar_oferta(command: PublicarOferta, uow_factory: UowFactory, vigencia: timedelta,
                          correlation_id: str | None) -> Oferta:
    async with uow_factory() as uow:
        oferta = await publish(uow, command, datetime.now(UTC), vigencia, correlation_id)
        await uow.commit()
    return oferta


async def actualitzar_oferta(command: ActualitzarOferta, uow_factory: UowFactory,
                             correlation_id: str | None) -> Oferta:
    async with uow_factory() as uow:
        oferta = await get(uow, command.oferta_id)
        if await change(uow, oferta, command, datetime.now(UTC), correlation_id):
            await uow.commit()
    return oferta


async def confirmar_oferta(oferta_id: uuid.UUID, uow_factory: UowFactory, vigencia: timedelta,
                           correlation_id: str | None) -> Oferta:
    async with uow_factory() as uow:
        oferta = await get(uow, oferta_id)
        await confirm(uow, oferta, datetime.now(UTC), vigencia, correlation_id)
        await uow.commit()
    return oferta


async def retirar_oferta(oferta_id: uuid.UUID, motiu: MotiuRetirada, uow_factory: UowFactory,
                         correlation_id: str | None) -> Oferta:
    async with uow_factory() as uow:
        oferta = await get(uow, oferta_id)
        await withdraw(uow, oferta, motiu, correlation_id)
        await uow.commit()
    return oferta


# -- the steps, inside a unit of work the caller commits -------------------------------------
async def publish(uow: LocationUnitOfWork, command: PublicarOferta, now: datetime, vigencia: timedelta,
                  correlation_id: str | None) -> Oferta:
    oferta = new_offer(command, await uow.poligons.ids(), now, vigencia)
    await uow.ofertes.add(oferta, now)
    await uow.add_events(new_event(NauDisponible(oferta=oferta.contract()), correlation_id=correlation_id))
    await match_offer(oferta, uow, now, correlation_id)
    return oferta


def new_offer(command: PublicarOferta, known_poligons: set[str], now: datetime, vigencia: timedelta) -> Oferta:
    """The offer a publish command describes, validated (the contact's fields flattened)."""
    values = command.model_dump(exclude={"contacte", "estat"})
    values |= {f"contacte_{name}": value for name, value in command.contacte.model_dump().items()}
    return Oferta.nova(values, known_poligons, now, vigencia)


async def change(uow: LocationUnitOfWork, oferta: Oferta, command: CanvisOferta, now: datetime,
                 correlation_id: str | None) -> bool:
    """Apply the fields the command sets; True if anything changed."""
    changes = command.model_dump(exclude_unset=True, exclude={"oferta_id", "contacte", "estat"})
    if command.contacte is not None:
        changes |= {f"contacte_{name}": value
                    for name, value in command.contacte.model_dump(exclude_unset=True).items()}
    canvis = oferta.actualitza(changes, await uow.poligons.ids())
    if command.estat is not None and command.estat != oferta.estat:
        canvis.append(CanviOferta(camp="estat", abans=oferta.estat, ara=command.estat))
        oferta.reserva(command.estat == "reservada")
    if not canvis:
        return False
    await uow.ofertes.save(oferta)
    await uow.add_events(new_event(OfertaActualitzada(oferta=oferta.contract(), canvis=canvis),
                                   correlation_id=correlation_id))
    if oferta.al_mercat:
        await match_offer(oferta, uow, now, correlation_id)
    return True


async def confirm(uow: LocationUnitOfWork, oferta: Oferta, now: datetime, vigencia: timedelta,
                  correlation_id: str | None) -> None:
    if oferta.confirma(now, vigencia):
        await uow.add_events(new_event(NauDisponible(oferta=oferta.contract()), correlation_id=correlation_id))
        await match_offer(oferta, uow, now, correlation_id, back_on_market=True)
    await uow.ofertes.save(oferta)


async def withdraw(uow: LocationUnitOfWork, oferta: Oferta, motiu: MotiuRetirada,
                   correlation_id: str | None) -> None:
    oferta.retira(motiu)
    await uow.ofertes.save(oferta)
    await uow.add_events(new_event(OfertaRetirada(oferta_id=oferta.oferta_id, motiu=motiu),
                                   correlation_id=correlation_id))


async def caducar_ofertes(uow_factory: UowFactory, now: datetime, batch: int = 200) -> int:
    """Offers not confirmed in time leave search and matching until confirmed again."""
    async with uow_factory() as uow:
        expired = await uow.ofertes.expiring_by(now, batch)
        for oferta in expired:
            await withdraw(uow, oferta, "caducada", None)
        await uow.commit()
    return len(expired)


async def get(uow: LocationUnitOfWork, oferta_id: uuid.UUID) -> Oferta:
    oferta = await uow.ofertes.get(oferta_id)
    if oferta is None:
        raise NotFound("No hi ha cap oferta amb aquest identificador.")
    return oferta
