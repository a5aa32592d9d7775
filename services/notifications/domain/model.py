"""Notifications and who receives them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from shared.contracts.notifications_api import Canal, Idioma, RolDestinatari

Estat = Literal["pendent", "en_resum", "enviada", "agrupada", "fallida"]
# Why a recipient receives a notification; every message says it, in the recipient's language
# (the wording is in the templates: _labels.j2, per_que).
Motiu = Literal["ens_gestor", "sense_ens_gestor", "seguiment_ofertes", "verificacio_vacants",
                "seguiment_demanda", "demanda", "demanda_per_confirmar", "contacte_oferta", "contacte_soci",
                "propietari_webhook", "missatges_morts", "revisio_empresa", "compte"]

# Delay before the n-th retry of a delivery (the last value repeats): an outage of the
# mail server delays mail, it never drops it.
RETRY_DELAYS_S = (1, 2, 5, 10, 30, 60, 120, 300)
STAFF_NAME = "Personal tècnic de Promoció Industrial"


@dataclass(frozen=True)
class Destinatari:
    nom: str
    email: str
    motiu: Motiu
    rol: RolDestinatari
    # Consent recorded where the address came from (a request filed with it).
    consentiment: bool = False
    # The language to write in until they choose one (staff chose it for them).
    idioma: Idioma | None = None


@dataclass(frozen=True)
class Notificacio:
    notificacio_id: uuid.UUID
    tipus: str
    destinatari: str
    canal: Canal
    assumpte: str
    cos_text: str
    cos_html: str
    causa: uuid.UUID
    correlacio: str
    creada_el: datetime
    estat: Estat
    # When it is due: now, or the moment of the digest it waits for.
    proper_intent_el: datetime
    idioma: Idioma = "ca"
    enllac_baixa: str | None = None
    dades: dict[str, Any] | None = None  # the causing event's data, for webhooks

    @property
    def enviada_el(self) -> datetime | None:
        """A notification in the portal's feed is delivered as it is stored."""
        return self.creada_el if self.estat == "enviada" else None


def staff(email: str, motiu: Motiu) -> Destinatari:
    return Destinatari(STAFF_NAME, email, motiu, "personal_tecnic")


def staff_team(mailbox: str, members: list[tuple[str, str]], motiu: Motiu) -> list[Destinatari]:
    """The staff mailbox and every member of staff with an account (name, address), once each."""
    team = [staff(mailbox, motiu)]
    team += [Destinatari(nom, email, motiu, "personal_tecnic") for nom, email in members
             if email.lower() != mailbox.lower()]
    return team


def ens_gestors_of_estate(ens_gestors: list[tuple[str, str]]) -> list[Destinatari]:
    return [Destinatari(nom, email, "ens_gestor", "ens_gestor") for nom, email in ens_gestors]


def next_attempt(now: datetime, attempts: int) -> datetime:
    index = min(max(attempts - 1, 0), len(RETRY_DELAYS_S) - 1)
    return now + timedelta(seconds=RETRY_DELAYS_S[index])
