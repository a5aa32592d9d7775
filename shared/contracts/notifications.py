"""Events the notifications service owns (stream ``NOTIFICATIONS``): the delivery log."""

from __future__ import annotations

import uuid
from typing import Literal

from pydantic import Field

from shared.contracts.envelope import EventData

CanalLliurament = Literal["email", "app", "webhook"]


class NotificacioEvent(EventData):
    owner = "notifications"
    subject_field = "notificacio_id"

    notificacio_id: uuid.UUID
    canal: CanalLliurament
    destinatari: str = Field(min_length=1, max_length=320)
    assumpte: str = Field(min_length=1, max_length=300)
    causa: uuid.UUID


class NotificacioEnviada(NotificacioEvent):
    """A notification reached its channel (the SMTP server accepted the mail, the webhook
    answered 2xx, ...)."""

    event_name = "NotificacioEnviada"


class NotificacioFallida(NotificacioEvent):
    """A notification could not be delivered and will not be retried."""

    event_name = "NotificacioFallida"

    motiu: str = Field(min_length=1, max_length=1000)
