"""Unsubscribe tokens: the address and the kind of notification a mail was, signed.

Every mail carries one (RFC 8058 headers and a link in its body). The signature (itsdangerous,
HMAC-SHA256 with this service's secret) makes a forged or altered token worthless; a token
keeps working for a year, longer than anyone keeps a mail before acting on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from shared.contracts.notifications_api import TIPUS_NOTIFICACIO, RolDestinatari
from shared.errors import Rejected

MAX_AGE_S = 365 * 24 * 3600
ROLS: tuple[str, ...] = RolDestinatari.__args__  # type: ignore[attr-defined]


class InvalidToken(Rejected):
    status = 400
    codi = "baixa_no_valida"


class ExpiredToken(Rejected):
    status = 410
    codi = "baixa_caducada"


@dataclass(frozen=True)
class Baixa:
    destinatari: str
    tipus: str | None  # None: every kind (a digest's link)
    rol: RolDestinatari  # whose defaults apply if the recipient never chose


class UnsubscribeSigner:
    def __init__(self, secret: str, max_age_s: int = MAX_AGE_S) -> None:
        self._serializer = URLSafeTimedSerializer(secret, salt="districte-notifications-baixa")
        self._max_age_s = max_age_s

    def sign(self, destinatari: str, tipus: str | None, rol: RolDestinatari) -> str:
        return self._serializer.dumps([destinatari, tipus, rol])

    def verify(self, token: str) -> Baixa:
        try:
            destinatari, tipus, rol = self._serializer.loads(token, max_age=self._max_age_s)
        except SignatureExpired as exc:
            raise ExpiredToken("Aquest enllaç de baixa ha caducat; podeu canviar les preferències "
                               "des del portal.") from exc
        except (BadSignature, ValueError, TypeError) as exc:
            raise InvalidToken("Aquest enllaç de baixa no és vàlid.") from exc
        if (not isinstance(destinatari, str) or (tipus is not None and tipus not in TIPUS_NOTIFICACIO)
                or rol not in ROLS):
            raise InvalidToken("Aquest enllaç de baixa no és vàlid.")
        return Baixa(destinatari, tipus, rol)
