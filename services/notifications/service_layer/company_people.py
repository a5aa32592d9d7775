"""The people census asks notifications to write to on a company's behalf, and their erasure:
- a review of a company's record: its contact person (or the company) receives the signed link,
  and the address it went to is remembered under the contact's id;
- a contact person erased in the census: everything sent to them here is erased too.
"""

from __future__ import annotations

from datetime import UTC, datetime

import structlog

from services.notifications.domain.model import Destinatari
from services.notifications.service_layer.notify import Notifier
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from shared.contracts import CloudEvent, ContacteSuprimit, RevisioSollicitada
from shared.messaging.consumer import Route

log = structlog.get_logger(__name__)


class CompanyPeople:
    def __init__(self, notifier: Notifier, public_url: str) -> None:
        self._notifier = notifier
        self._links = f"{public_url.rstrip('/')}/autoservei/"

    def routes(self) -> list[Route[NotificationsUnitOfWork]]:
        return [Route(RevisioSollicitada, self.on_revisio_sollicitada), Route(ContacteSuprimit, on_contacte_suprimit)]

    async def on_revisio_sollicitada(self, event: CloudEvent[RevisioSollicitada],
                                     uow: NotificationsUnitOfWork) -> None:
        revisio = event.data
        if revisio.contacte_id is not None:
            await uow.supressions.remember_contact(str(revisio.contacte_id), str(revisio.email), datetime.now(UTC))
        destinatari = Destinatari(revisio.nom, str(revisio.email), "revisio_empresa", "empresa", idioma=revisio.idioma)
        await self._notifier.notify(uow, "revisio_empresa", [destinatari], event, revisio=revisio,
                                    enllac=self._links + revisio.token)


async def on_contacte_suprimit(event: CloudEvent[ContacteSuprimit], uow: NotificationsUnitOfWork) -> None:
    contacte_id = str(event.data.contacte_id)
    address = await uow.supressions.contact_address(contacte_id)
    erased = await uow.supressions.erase(contacte_id, address) if address else 0
    log.info("contact_erased", contacte_id=contacte_id, notificacions=erased)  # an id, never the address
