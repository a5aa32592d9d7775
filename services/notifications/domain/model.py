"""Notifications and who receives them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

Canal = Literal["email", "app"]
Estat = Literal["pendent", "enviada", "fallida"]

# Delay before the n-th retry of a delivery (the last value repeats): an outage of the
# mail server delays mail, it never drops it.
RETRY_DELAYS_S = (1, 2, 5, 10, 30, 60, 120, 300)


@dataclass(frozen=True)
class Destinatari:
    nom: str
    email: str
    motiu: str  # why this person receives it, said in the message itself


@dataclass(frozen=True)
class Notificacio:
    notificacio_id: uuid.UUID
    destinatari: str
    canal: Canal
    assumpte: str
    cos_text: str
    cos_html: str
    causa: uuid.UUID
    correlacio: str
    creada_el: datetime


def recipients_for_estate(ens_gestors: list[tuple[str, str]], poligon_nom: str,
                          staff_email: str) -> list[Destinatari]:
    """The estate's management bodies; staff when the estate has none yet."""
    if ens_gestors:
        return [Destinatari(nom, email, f"sou l'ens gestor del polígon {poligon_nom}")
                for nom, email in ens_gestors]
    return [Destinatari("Personal tècnic de Promoció Industrial", staff_email,
                        f"el polígon {poligon_nom} encara no té cap ens gestor")]


def next_attempt(now: datetime, attempts: int) -> datetime:
    index = min(max(attempts - 1, 0), len(RETRY_DELAYS_S) - 1)
    return now + timedelta(seconds=RETRY_DELAYS_S[index])
