"""A bulk census import, told once: each estate's management body (staff, for an estate without
one) gets one message about all its estates the import changed — never one per company."""

from __future__ import annotations

from typing import Any

from services.notifications.domain.model import Destinatari, ens_gestors_of_estate
from services.notifications.service_layer.handlers import known_estate
from services.notifications.service_layer.notify import Notifier, staff_recipients
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from shared.contracts import CloudEvent, ImportacioCompletada


class ImportNotifier:
    def __init__(self, notifier: Notifier, staff_email: str, public_url: str) -> None:
        self._notifier = notifier
        self._staff_email = staff_email
        self._directory = f"{public_url.rstrip('/')}/api/v1/empreses"

    async def on_importacio_completada(self, event: CloudEvent[ImportacioCompletada],
                                       uow: NotificationsUnitOfWork) -> None:
        told: dict[str, tuple[Destinatari, list[dict[str, Any]]]] = {}
        for estate in event.data.poligons:
            nom = await known_estate(uow, estate.poligon_id)
            recipients = (ens_gestors_of_estate(await uow.directory.ens_gestors_of(estate.poligon_id))
                          or await staff_recipients(uow, self._staff_email, "sense_ens_gestor"))
            summary = dict(estate.model_dump(), nom=nom, enllac=f"{self._directory}?poligon={estate.poligon_id}")
            for recipient in recipients:
                told.setdefault(recipient.email.lower(), (recipient, []))[1].append(summary)
        for recipient, estates in told.values():
            only = estates[0]["poligon_id"] if len(estates) == 1 else None
            await self._notifier.notify(uow, "importacio_empreses", [recipient], event, poligon_id=only,
                                        poligon=", ".join(e["nom"] for e in estates), poligons=estates,
                                        importacio=event.data)
