"""One-click links mailed to people without an account: signed, dated, good for one use.

A link names an action on one offer, demand or lead and the version of it the mail was about
(the offer's last confirmation, the demand's filing, the lead's creation): once acted on, or
once the thing has moved on, the same link is refused as used. The signature (itsdangerous, HMAC-SHA256 with
the service's secret) makes a forged or altered link worthless; its age limits how long a
mail keeps its power.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from shared.errors import Conflict, Rejected

Accio = Literal["confirmar_oferta", "retirar_oferta", "confirmar_demanda", "m_interessa", "descartada"]
# Long enough for a reminder sent two weeks before expiry to bring an expired offer back.
MAX_AGE_S = 60 * 24 * 3600


class InvalidLink(Rejected):
    status = 400
    codi = "enllac_no_valid"


class ExpiredLink(Rejected):
    status = 410
    codi = "enllac_caducat"


class UsedLink(Conflict):
    codi = "enllac_ja_usat"


@dataclass(frozen=True)
class Enllac:
    accio: Accio
    id: uuid.UUID
    versio: str  # the moment the mail was about; a later one makes the link used

    @staticmethod
    def versio_de(moment: datetime) -> str:
        return moment.isoformat(timespec="microseconds")

    def check_versio(self, moment: datetime) -> None:
        if self.versio != self.versio_de(moment):
            raise UsedLink("Aquest enllaç ja s'ha fet servir o ha quedat superat per un de més nou.")


class LinkSigner:
    def __init__(self, secret: str, max_age_s: int = MAX_AGE_S) -> None:
        self._serializer = URLSafeTimedSerializer(secret, salt="districte-location-enllac")
        self._max_age_s = max_age_s

    def sign(self, enllac: Enllac) -> str:
        return self._serializer.dumps([enllac.accio, str(enllac.id), enllac.versio])

    def verify(self, token: str) -> Enllac:
        try:
            accio, target, versio = self._serializer.loads(token, max_age=self._max_age_s)
            return Enllac(accio, uuid.UUID(target), versio)
        except SignatureExpired as exc:
            raise ExpiredLink("Aquest enllaç ha caducat; demaneu-ne un de nou al personal tècnic.") from exc
        except (BadSignature, ValueError, TypeError) as exc:
            raise InvalidLink("Aquest enllaç no és vàlid.") from exc
