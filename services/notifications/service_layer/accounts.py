"""Mails about a person's own portal account (an invitation, a new password), and closing one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from services.notifications.domain.model import Destinatari
from services.notifications.service_layer.notify import Notifier
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from shared.contracts.notifications_api import (
    AvisEnviat,
    DonarDeBaixaDestinatari,
    EnviarAvisCompte,
    Preferencies,
)

UowFactory = Callable[..., NotificationsUnitOfWork]


async def enviar_avis_compte(command: EnviarAvisCompte, notifier: Notifier, uow_factory: UowFactory) -> AvisEnviat:
    address = str(command.destinatari).lower()
    destinatari = Destinatari(command.nom, address, "compte", command.rol, idioma=command.idioma)
    async with uow_factory() as uow:
        await notifier.tell(uow, destinatari, command.tipus, command.avis_id, str(command.avis_id),
                            enllac=command.enllac, caduca_el=command.caduca_el, convidat_per=command.convidat_per)
        await uow.commit()
    return AvisEnviat(avis_id=command.avis_id, destinatari=address)


async def donar_de_baixa_destinatari(command: DonarDeBaixaDestinatari, uow_factory: UowFactory) -> None:
    """No longer one of staff's recipients, and nothing more of what their role hears."""
    address = str(command.destinatari).lower()
    async with uow_factory() as uow:
        rol = await uow.destinataris.remove(address)
        if rol is not None:
            await uow.preferencies.save(address, rol, Preferencies(tipus=[], canals=["email"]), datetime.now(UTC))
        await uow.commit()
