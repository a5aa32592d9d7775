"""Store what an event means for each recipient: on the channels they chose, in their language,
now or held for their digest, with the link that unsubscribes them from that kind."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from services.notifications.adapters.templates import Renderer
from services.notifications.adapters.unsubscribe import UnsubscribeSigner
from services.notifications.domain.digests import digest_due
from services.notifications.domain.model import Destinatari, Notificacio
from services.notifications.domain.preferences import channels_for, defaults_for
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from shared.contracts import CloudEvent
from shared.contracts.notifications_api import Preferencies, RolDestinatari, TipusNotificacio
from shared.persistence.timestamps import as_utc


class Notifier:
    def __init__(self, renderer: Renderer, signer: UnsubscribeSigner, public_url: str) -> None:
        self._renderer = renderer
        self._signer = signer
        self._public_url = public_url.rstrip("/")

    def unsubscribe_url(self, destinatari: str, tipus: str | None, rol: RolDestinatari) -> str:
        return f"{self._public_url}/api/v1/baixa/{self._signer.sign(destinatari, tipus, rol)}"

    async def notify(self, uow: NotificationsUnitOfWork, tipus: TipusNotificacio,
                     recipients: Iterable[Destinatari], event: CloudEvent[Any], *,
                     poligon_id: str | None = None, **context: Any) -> None:
        await self.store(uow, tipus, recipients, event.id, event.correlationid, poligon_id=poligon_id,
                         **context)

    async def store(self, uow: NotificationsUnitOfWork, tipus: TipusNotificacio,
                    recipients: Iterable[Destinatari], causa: uuid.UUID, correlacio: str, *,
                    poligon_id: str | None = None, **context: Any) -> None:
        """One notification per recipient and channel; ``causa`` makes it unique per both."""
        now = datetime.now(UTC)
        for destinatari in recipients:
            address = destinatari.email.lower()
            chosen = await uow.preferencies.get(address) or defaults_for(destinatari.rol)
            channels = channels_for(chosen, destinatari.rol, tipus, poligon_id, destinatari.consentiment)
            if not channels:
                continue
            enllac_baixa = self.unsubscribe_url(address, tipus, destinatari.rol)
            subject, text, html = self._renderer.render(
                tipus, chosen.idioma, destinatari=destinatari, enllac_baixa=enllac_baixa, **context)
            for canal in channels:
                estat, due = _delivery(canal, chosen, now)
                await uow.notificacions.add(Notificacio(
                    notificacio_id=uuid.uuid4(), tipus=tipus, destinatari=address, canal=canal,
                    assumpte=subject, cos_text=text, cos_html=html, causa=causa, correlacio=correlacio,
                    creada_el=now, estat=estat, proper_intent_el=due, idioma=chosen.idioma,
                    enllac_baixa=enllac_baixa if canal == "email" else None))

    async def digest(self, uow: NotificationsUnitOfWork, destinatari: str, items: list[dict[str, Any]],
                     chosen: tuple[RolDestinatari, Preferencies], resum_id: uuid.UUID, now: datetime) -> None:
        """Store the digest of ``items`` (held mail, oldest first) to go out now."""
        rol, preferencies = chosen
        enllac_baixa = self.unsubscribe_url(destinatari, None, rol)
        subject, text, html = self._renderer.render(
            "resum", preferencies.idioma, frequencia=preferencies.frequencia,
            items=[dict(item, creada_el=as_utc(item["creada_el"])) for item in items],
            enllac_baixa=enllac_baixa)
        await uow.notificacions.add(Notificacio(
            notificacio_id=resum_id, tipus="resum", destinatari=destinatari, canal="email", assumpte=subject,
            cos_text=text, cos_html=html, causa=resum_id, correlacio=str(resum_id), creada_el=now,
            estat="pendent", proper_intent_el=now, idioma=preferencies.idioma, enllac_baixa=enllac_baixa))


def _delivery(canal: str, chosen: Preferencies, now: datetime) -> tuple[Any, datetime]:
    """How a notification starts on a channel: the portal's feed has it at once; a mail goes
    now, or waits for the recipient's digest."""
    if canal == "app":
        return "enviada", now
    if chosen.frequencia == "immediata":
        return "pendent", now
    return "en_resum", digest_due(now, chosen.frequencia, chosen.hora_resum)
