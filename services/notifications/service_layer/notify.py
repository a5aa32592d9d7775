"""Store one pending notification per recipient of an event, rendered from a template."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from services.notifications.adapters.templates import Renderer
from services.notifications.domain.model import Destinatari, Notificacio
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from shared.contracts import CloudEvent


async def notify(uow: NotificationsUnitOfWork, renderer: Renderer, template: str,
                 recipients: Iterable[Destinatari], event: CloudEvent[Any], **context: Any) -> None:
    await store(uow, renderer, template, recipients, event.id, event.correlationid, **context)


async def store(uow: NotificationsUnitOfWork, renderer: Renderer, template: str,
                recipients: Iterable[Destinatari], causa: uuid.UUID, correlacio: str, **context: Any) -> None:
    """One notification per recipient; ``causa`` makes it unique per recipient and channel."""
    now = datetime.now(UTC)
    for destinatari in recipients:
        subject, text, html = renderer.render(template, destinatari=destinatari, **context)
        await uow.notificacions.add(Notificacio(
            notificacio_id=uuid.uuid4(), destinatari=destinatari.email.lower(), canal="email",
            assumpte=subject, cos_text=text, cos_html=html, causa=causa,
            correlacio=correlacio, creada_el=now))
