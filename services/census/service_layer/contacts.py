"""A company's contact persons, and their rights: to see everything held about them (access) and to
have it erased here and in every service that received it (erasure, announced as ContacteSuprimit).

The audit trail names a contact by id only, never by their data: erasing them leaves nothing of
them behind in the census.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from services.census.domain.contacts import TRACTAMENT, Contacte
from services.census.service_layer import audit
from services.census.service_layer.commands import existing
from services.census.service_layer.unit_of_work import CensusUnitOfWork
from shared.contracts.census_api import EntradaAuditoria
from shared.contracts.census_contacts import AfegirContacte, ContacteRef, ContacteView, ExportacioContacte
from shared.contracts.envelope import new_event
from shared.errors import Conflict, NotFound
from shared.persistence.timestamps import as_utc

UowFactory = Callable[..., CensusUnitOfWork]


def view(contacte: Contacte) -> ContacteView:
    return ContacteView.model_validate(contacte, from_attributes=True)


async def afegir(command: AfegirContacte, uow_factory: UowFactory) -> ContacteView:
    async with uow_factory() as uow:
        empresa = await existing(uow, command.empresa_id)
        if empresa.estat != "activa":
            raise Conflict("Només es poden afegir persones de contacte a una empresa activa al cens.")
        contacte = Contacte.nou(empresa.empresa_id, command)
        await uow.contactes.add(contacte)
        await uow.auditoria.add([audit.entry(empresa.empresa_id, "contacte_alta",
                                             {"contacte_id": str(contacte.contacte_id)})])
        await uow.commit()
    return view(contacte)


async def llistar(empresa_id: uuid.UUID, uow_factory: UowFactory) -> list[ContacteView]:
    async with uow_factory(readonly=True) as uow:
        await existing(uow, empresa_id)
        return [view(contacte) for contacte in await uow.contactes.of_company(empresa_id)]


async def exportar(ref: ContacteRef, uow_factory: UowFactory) -> ExportacioContacte:
    """Everything about the person: their data, why and how it is processed, what was done with it.
    The export itself is recorded (who asked, when)."""
    async with uow_factory() as uow:
        empresa = await existing(uow, ref.empresa_id)
        contacte = await _contact(uow, ref)
        await uow.auditoria.add([audit.entry(empresa.empresa_id, "contacte_exportacio",
                                             {"contacte_id": str(contacte.contacte_id)})])
        entries = [e for e in await uow.auditoria.history(str(empresa.empresa_id))
                   if (e["detall"] or {}).get("contacte_id") == str(contacte.contacte_id)]
        await uow.commit()
    return ExportacioContacte(
        contacte=view(contacte), empresa={"empresa_id": str(empresa.empresa_id), "rao_social": empresa.rao_social},
        tractament=TRACTAMENT, exportat_el=datetime.now(UTC),
        historial=[EntradaAuditoria.model_validate(dict(e, moment=as_utc(e["moment"]))) for e in entries])


async def suprimir(ref: ContacteRef, uow_factory: UowFactory, correlation_id: str | None) -> ContacteView:
    """Erase the person's data; announced once (asking again answers the same, and publishes nothing)."""
    async with uow_factory() as uow:
        empresa = await existing(uow, ref.empresa_id)
        contacte = await _contact(uow, ref)
        if contacte.suprimit_el is None:
            contacte = contacte.suprimeix(datetime.now(UTC))
            await uow.contactes.save(contacte)
            await uow.contactes.forget_events(contacte.contacte_id)
            await uow.add_events(new_event(contacte.suprimit(), correlation_id=correlation_id))
            await uow.auditoria.add([audit.entry(empresa.empresa_id, "contacte_supressio",
                                                 {"contacte_id": str(contacte.contacte_id)})])
            await uow.commit()
    return view(contacte)


async def _contact(uow: CensusUnitOfWork, ref: ContacteRef) -> Contacte:
    contacte = await uow.contactes.get(ref.empresa_id, ref.contacte_id)
    if contacte is None:
        raise NotFound("Aquesta empresa no té cap persona de contacte amb aquest identificador.")
    return contacte
