"""Store what an event means for each recipient: on the channels they chose, in their language,
now or held for their digest, with the link that unsubscribes them from that kind."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from services.notifications.adapters.templates import Renderer
from services.notifications.adapters.unsubscribe import UnsubscribeSigner
from services.notifications.domain.digests import digest_due
from services.notifications.domain.model import Destinatari, Motiu, Notificacio, staff_team
from services.notifications.domain.preferences import channels_for, defaults_for
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from shared.contracts import CloudEvent
from shared.contracts.ingest import RegistreExternRebutjat
from shared.contracts.notifications_api import Preferencies, RolDestinatari, TipusNotificacio
from shared.messaging.consumer import Handler
from shared.persistence.timestamps import as_utc

# Immediate mails one recipient gets in an hour before the rest wait for a digest.
DEFAULT_MAILS_PER_HOUR = 30


class Notifier:
    def __init__(self, renderer: Renderer, signer: UnsubscribeSigner, public_url: str,
                 mails_per_hour: int = DEFAULT_MAILS_PER_HOUR) -> None:
        self._renderer = renderer
        self._signer = signer
        self._public_url = public_url.rstrip("/")
        self._mails_per_hour = mails_per_hour

    def unsubscribe_url(self, destinatari: str, tipus: str | None, rol: RolDestinatari) -> str:
        return f"{self._public_url}/api/v1/baixa/{self._signer.sign(destinatari, tipus, rol)}"

    async def notify(self, uow: NotificationsUnitOfWork, tipus: TipusNotificacio,
                     recipients: Iterable[Destinatari], event: CloudEvent[Any], *,
                     poligon_id: str | None = None, **context: Any) -> None:
        await self.store(uow, tipus, recipients, event.id, event.correlationid, poligon_id=poligon_id,
                         dades=event.data.model_dump(mode="json"), **context)

    async def store(self, uow: NotificationsUnitOfWork, tipus: TipusNotificacio,
                    recipients: Iterable[Destinatari], causa: uuid.UUID, correlacio: str, *,
                    poligon_id: str | None = None, dades: dict[str, Any] | None = None, **context: Any) -> None:
        """One notification per recipient and channel; ``causa`` makes it unique per both."""
        for destinatari in recipients:
            chosen = await _preferences(uow, destinatari)
            channels = channels_for(chosen, destinatari.rol, tipus, poligon_id, destinatari.consentiment)
            if channels:
                await self._store_one(uow, tipus, destinatari, chosen, channels, causa, correlacio, dades, context)

    async def tell(self, uow: NotificationsUnitOfWork, destinatari: Destinatari, tipus: TipusNotificacio,
                   causa: uuid.UUID, correlacio: str, **context: Any) -> None:
        """A service message about the recipient's own setup: by mail, whatever their preferences
        (in their language)."""
        chosen = await _preferences(uow, destinatari)
        await self._store_one(uow, tipus, destinatari, chosen.model_copy(update={"frequencia": "immediata"}),
                              ["email"], causa, correlacio, None, context)

    async def _store_one(self, uow: NotificationsUnitOfWork, tipus: TipusNotificacio, destinatari: Destinatari,
                         chosen: Preferencies, channels: list[str], causa: uuid.UUID, correlacio: str,
                         dades: dict[str, Any] | None, context: dict[str, Any]) -> None:
        now = datetime.now(UTC)
        address = destinatari.email.lower()
        enllac_baixa = self.unsubscribe_url(address, tipus, destinatari.rol)
        subject, text, html = self._renderer.render(
            tipus, chosen.idioma, destinatari=destinatari, enllac_baixa=enllac_baixa, **context)
        for canal in channels:
            hooks = await _webhooks_for(uow, address, tipus) if canal == "webhook" else []
            if canal == "webhook" and not hooks:
                continue
            estat, due = await self._delivery(uow, canal, address, chosen, now)
            notificacio = Notificacio(
                notificacio_id=uuid.uuid4(), tipus=tipus, destinatari=address, canal=canal, assumpte=subject,
                cos_text=text, cos_html=html, causa=causa, correlacio=correlacio, creada_el=now, estat=estat,
                proper_intent_el=due, idioma=chosen.idioma,
                enllac_baixa=enllac_baixa if canal == "email" else None,
                dades=dades if canal == "webhook" else None)
            if not await uow.notificacions.add(notificacio):
                continue
            if canal == "email" and estat == "pendent":
                await uow.ritme.count(address, _hour(now))
            for hook in hooks:
                await uow.webhooks.add_delivery({
                    "lliurament_id": str(uuid.uuid4()), "notificacio_id": str(notificacio.notificacio_id),
                    "webhook_id": hook["webhook_id"], "estat": "pendent", "intents": 0,
                    "proper_intent_el": now, "creat_el": now})

    async def _delivery(self, uow: NotificationsUnitOfWork, canal: str, address: str, chosen: Preferencies,
                        now: datetime) -> tuple[Any, datetime]:
        """How a notification starts on its channel: the portal's feed has it at once; a mail goes
        now or waits for the recipient's digest; a webhook is delivered by its dispatcher.

        A recipient sent ``mails_per_hour`` mails in this clock hour gets the rest in a digest at
        the next hour: a bulk import must not flood anyone's mailbox.
        """
        if canal == "app":
            return "enviada", now
        if canal == "webhook":
            return "pendent", now
        if chosen.frequencia != "immediata":
            return "en_resum", digest_due(now, chosen.frequencia, chosen.hora_resum)
        if await uow.ritme.sent_in(address, _hour(now)) >= self._mails_per_hour:
            return "en_resum", _hour(now) + timedelta(hours=1)
        return "pendent", now

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


async def staff_recipients(uow: NotificationsUnitOfWork, mailbox: str, motiu: Motiu) -> list[Destinatari]:
    """Who hears what staff hear: the staff mailbox and every member of staff with an account."""
    return staff_team(mailbox, await uow.destinataris.staff(), motiu)


def partner_refusal(notifier: Notifier, tipus: TipusNotificacio) -> Handler[NotificationsUnitOfWork]:
    """Tell a partner system's contact why its record was refused (every service answers alike)."""
    async def handle(event: CloudEvent[RegistreExternRebutjat], uow: NotificationsUnitOfWork) -> None:
        rebuig = event.data
        contacte = Destinatari(rebuig.soci, rebuig.contacte, "contacte_soci", "contacte")
        await notifier.notify(uow, tipus, [contacte], event, rebuig=rebuig)
    return handle


async def _preferences(uow: NotificationsUnitOfWork, destinatari: Destinatari) -> Preferencies:
    """What the recipient chose; or their role's defaults, in the language they were given."""
    chosen = await uow.preferencies.get(destinatari.email.lower())
    if chosen is not None:
        return chosen
    defaults = defaults_for(destinatari.rol)
    return defaults.model_copy(update={"idioma": destinatari.idioma}) if destinatari.idioma else defaults


def _hour(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0)


async def _webhooks_for(uow: NotificationsUnitOfWork, address: str, tipus: str) -> list[dict[str, Any]]:
    return [hook for hook in await uow.webhooks.active_for(address) if hook["tipus"] is None or tipus in hook["tipus"]]
