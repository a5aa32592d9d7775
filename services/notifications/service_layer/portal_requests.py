"""What the portal asks notifications to send at once: mails about a person's own account (an
invitation, a new password), closing an account, and a visitor's question about an offer."""

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
    EnviarConsulta,
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


async def enviar_consulta(command: EnviarConsulta, notifier: Notifier, uow_factory: UowFactory) -> AvisEnviat:
    """The offer's contact hears the question, as they chose (they may have unsubscribed from these)."""
    address = str(command.destinatari).lower()
    contact = Destinatari(command.nom_destinatari, address, "contacte_oferta", "contacte")
    async with uow_factory() as uow:
        await notifier.store(uow, "consulta_oferta", [contact], command.consulta_id, str(command.consulta_id),
                             consulta=command, poligon=command.oferta.poligon)
        await uow.commit()
    return AvisEnviat(avis_id=command.consulta_id, destinatari=address)
