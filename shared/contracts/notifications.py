"""Events the notifications service owns (stream ``NOTIFICATIONS``)."""

from __future__ import annotations

import uuid
from typing import Literal

from pydantic import Field

from shared.contracts.envelope import EventData


class NotificacioEnviada(EventData):
    """A notification reached its channel (the SMTP server accepted the mail, ...)."""

    owner = "notifications"
    event_name = "NotificacioEnviada"
    subject_field = "notificacio_id"

    notificacio_id: uuid.UUID
    canal: Literal["email", "app"]
    destinatari: str = Field(min_length=1, max_length=320)
    assumpte: str = Field(min_length=1, max_length=300)
    causa: uuid.UUID
