"""What partner systems publish (stream ``INGEST``), and the answer when it is refused.

A partner (an estate agent's system, the comarca's portal, another public body) publishes
each of its offers as a CloudEvent on ``districte.ingest.<partner>.OfertaExterna.v1``, with
its own id for the offer as the envelope ``subject`` and the envelope ``type`` equal to the
NATS subject. Publishing the same ``subject`` again updates the offer; ``estat`` other than
``disponible`` takes it off the market. See docs/partners.md.
"""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

from shared.contracts.envelope import EventData
from shared.contracts.location_api import PublicarOferta

PARTNER_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class OfertaExterna(PublicarOferta, EventData):
    """An offer as a partner publishes it: the fields of ``POST /api/v1/ofertes``, plus
    ``estat`` to take it off the market. Subject: districte.ingest.<partner>.OfertaExterna.v1."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)
    owner = "ingest"
    event_name = "OfertaExterna"

    estat: Literal["disponible", "retirada", "llogada", "venuda"] = "disponible"

    def entity_id(self) -> str:
        raise NotImplementedError("a partner's offer is named by the partner, in the envelope subject")


class OfertaExternaRebutjada(EventData):
    """A partner's offer was refused: why, for the partner's contact (the message itself is
    kept as a dead letter for staff)."""

    owner = "location"
    event_name = "OfertaExternaRebutjada"

    soci: str = Field(pattern=PARTNER_PATTERN)
    referencia: str = Field(min_length=1, max_length=200)
    contacte: str = Field(min_length=3, max_length=320)
    motius: list[str] = Field(min_length=1)

    def entity_id(self) -> str:
        return f"{self.soci}/{self.referencia}"
