"""One-click links about offers, demands and leads (see shared.signed_links): a link names the
action, the thing and the version of it the mail was about (the offer's last confirmation, the
demand's filing, the lead's creation)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from shared.signed_links import InvalidLink, SignedLinks, UsedLink, check_versio, versio_de

Accio = Literal["confirmar_oferta", "retirar_oferta", "confirmar_demanda", "m_interessa", "descartada"]
# Long enough for a reminder sent two weeks before expiry to bring an expired offer back.
MAX_AGE_S = 60 * 24 * 3600
__all__ = ["Accio", "Enllac", "LinkSigner", "UsedLink"]


@dataclass(frozen=True)
class Enllac:
    accio: Accio
    id: uuid.UUID
    versio: str  # the moment the mail was about; a later one makes the link used

    @staticmethod
    def versio_de(moment: datetime) -> str:
        return versio_de(moment)

    def check_versio(self, moment: datetime) -> None:
        check_versio(self.versio, moment)


class LinkSigner:
    def __init__(self, secret: str, max_age_s: int = MAX_AGE_S) -> None:
        self._links = SignedLinks(secret, "districte-location-enllac", max_age_s)

    def sign(self, enllac: Enllac) -> str:
        return self._links.sign([enllac.accio, str(enllac.id), enllac.versio])

    def verify(self, token: str) -> Enllac:
        parts = self._links.verify(token)
        try:
            accio, target, versio = parts
            return Enllac(accio, uuid.UUID(target), versio)  # type: ignore[arg-type]
        except ValueError as exc:
            raise InvalidLink("Aquest enllaç no és vàlid.") from exc
