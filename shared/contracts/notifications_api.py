"""Queries the notifications service serves to the portal (``districte.rpc.notifications.*``)."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, Field

from shared.contracts.api import Command

SERVICE = "notifications"


class LlistarNotificacions(Command):
    destinatari: str | None = Field(default=None, max_length=320)
    pagina: int = Field(default=1, ge=1)
    mida: int = Field(default=50, ge=1, le=200)


class NotificacioView(BaseModel):
    notificacio_id: uuid.UUID
    canal: str
    destinatari: str
    assumpte: str
    cos_text: str
    causa: uuid.UUID
    estat: str
    intents: int
    darrer_error: str | None
    creada_el: datetime
    enviada_el: datetime | None
