"""Links mailed to people without an account: signed, dated, good for one use.

A link names an action on one thing and the version of it the mail was about (the moment it last
changed): once acted on, or once the thing has moved on, the same link is refused as used. The
signature (itsdangerous, HMAC-SHA256 with the service's secret, salted per kind of link) makes a
forged or altered link worthless; its age limits how long a mail keeps its power.
"""

from __future__ import annotations

from datetime import datetime

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from shared.errors import Conflict, Rejected


class InvalidLink(Rejected):
    status = 400
    codi = "enllac_no_valid"


class ExpiredLink(Rejected):
    status = 410
    codi = "enllac_caducat"


class UsedLink(Conflict):
    codi = "enllac_ja_usat"


def versio_de(moment: datetime) -> str:
    return moment.isoformat(timespec="microseconds")


def check_versio(versio: str, moment: datetime) -> None:
    if versio != versio_de(moment):
        raise UsedLink("Aquest enllaç ja s'ha fet servir o ha quedat superat per un de més nou.")


class SignedLinks:
    def __init__(self, secret: str, salt: str, max_age_s: int) -> None:
        self._serializer = URLSafeTimedSerializer(secret, salt=salt)
        self.max_age_s = max_age_s

    def sign(self, parts: list[str]) -> str:
        return self._serializer.dumps(parts)

    def verify(self, token: str) -> list[str]:
        return self.verify_dated(token)[0]

    def verify_dated(self, token: str) -> tuple[list[str], datetime]:
        """What the link names, and when it was signed."""
        try:
            parts, signed_at = self._serializer.loads(token, max_age=self.max_age_s, return_timestamp=True)
        except SignatureExpired as exc:
            raise ExpiredLink("Aquest enllaç ha caducat; demaneu-ne un de nou al personal tècnic.") from exc
        except BadSignature as exc:
            raise InvalidLink("Aquest enllaç no és vàlid.") from exc
        if not isinstance(parts, list) or not all(isinstance(part, str) for part in parts):
            raise InvalidLink("Aquest enllaç no és vàlid.")
        return parts, signed_at
