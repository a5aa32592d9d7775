"""The signed link a company reviews its own record with (see shared.signed_links): it names the
company and the version of the record the mail was about, so it works once."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from shared.signed_links import InvalidLink, SignedLinks

MAX_AGE = timedelta(days=30)


@dataclass(frozen=True)
class Revisio:
    empresa_id: uuid.UUID
    versio: str
    caduca_el: datetime | None = None  # known once signed


class ReviewLinks:
    def __init__(self, secret: str, max_age: timedelta = MAX_AGE) -> None:
        self._links = SignedLinks(secret, "districte-census-autoservei", int(max_age.total_seconds()))
        self.max_age = max_age

    def sign(self, revisio: Revisio) -> str:
        return self._links.sign([str(revisio.empresa_id), revisio.versio])

    def verify(self, token: str) -> Revisio:
        parts, signed_at = self._links.verify_dated(token)
        try:
            empresa_id, versio = parts
            return Revisio(uuid.UUID(empresa_id), versio, self.expires(signed_at))
        except ValueError as exc:
            raise InvalidLink("Aquest enllaç no és vàlid.") from exc

    def expires(self, now: datetime) -> datetime:
        return now + self.max_age
