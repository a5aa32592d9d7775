"""The durable consumers of the location service."""

from __future__ import annotations

import re
from typing import Any

from pydantic import ConfigDict

from shared.contracts import EmpresaDonadaDeBaixa, EmpresaTraslladada, PoligonRegistrat
from shared.contracts.envelope import CloudEvent, EventData
from shared.messaging.consumer import EventConsumer, Route
from shared.messaging.decoding import Undecodable, decode_event
from shared.messaging.topology import INGEST, ConsumerSpec, stream_name
from shared.persistence.unit_of_work import UnitOfWork

# Estates, and companies leaving them or moving (a possible vacancy); arrivals are none of location's business.
CENSUS_EVENTS = ConsumerSpec(
    durable="location-census",
    stream=stream_name("census"),
    subjects=(PoligonRegistrat.event_type(), EmpresaDonadaDeBaixa.event_type(), EmpresaTraslladada.event_type()),
)

PARTNER_OFFERS = ConsumerSpec(
    durable="location-ingest",
    stream=stream_name(INGEST),
    subjects=("districte.ingest.*.OfertaExterna.v1",),
)
_PARTNER_SUBJECT = re.compile(r"districte\.ingest\.[a-z0-9]+(?:-[a-z0-9]+)*\.OfertaExterna\.v1")


class _AnyOffer(EventData):
    """The envelope is checked on arrival; the offer itself by the handler, so that a bad
    one is answered to its partner with every reason, like a refused API call."""

    model_config = ConfigDict(extra="allow", frozen=True)
    owner = INGEST
    event_name = "OfertaExterna"


class PartnerOfferConsumer(EventConsumer[Any]):
    """Partners publish on their own subject; each gets the same handling."""

    def __init__(self, handler: Any, uow_factory: Any, dead_letters: Any, metrics: Any) -> None:
        self._handler = Route(_AnyOffer, handler)
        super().__init__(PARTNER_OFFERS, [self._handler], uow_factory, dead_letters, metrics)

    def decode(self, payload: bytes, subject: str) -> CloudEvent[Any] | Undecodable:
        if not _PARTNER_SUBJECT.fullmatch(subject):
            return Undecodable(f"subjecte de soci no vàlid: {subject}")
        return decode_event(payload, subject, {subject: _AnyOffer})

    def route(self, event_type: str) -> Route[UnitOfWork]:
        return self._handler
