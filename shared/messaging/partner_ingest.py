"""Records partner systems publish (stream ``INGEST``): one durable consumer per kind of record,
the same handling for each.

A partner publishes on its own subject (``districte.ingest.<partner>.<Name>.v1``) with its own id
for the record as the envelope ``subject``. Only partners configured with a contact are accepted.
The record is validated by the owning service exactly as an API call; a refused one becomes a dead
letter with every reason, and the partner's contact is told why (the service's
``RegistreExternRebutjat`` event, published beside the dead letter).
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from typing import Any, Generic

from pydantic import ConfigDict, ValidationError

from shared.contracts.envelope import CloudEvent, EventData
from shared.contracts.ingest import PARTNER_PATTERN, RegistreExternRebutjat
from shared.errors import Rejected
from shared.messaging.consumer import EventConsumer, PermanentError, Route, U
from shared.messaging.decoding import Undecodable, decode_event
from shared.messaging.topology import INGEST, ConsumerSpec, stream_name
from shared.validation_messages import field_errors

_SEGMENT = PARTNER_PATTERN.strip("^$")


def partner_spec(durable: str, event_name: str) -> ConsumerSpec:
    return ConsumerSpec(durable=durable, stream=stream_name(INGEST), subjects=(f"districte.ingest.*.{event_name}.v1",))


def partner_of(event_type: str) -> str:
    """``districte.ingest.<partner>.<Name>.v1`` → partner."""
    return event_type.split(".")[2]


class PartnerIngest(ABC, Generic[U]):
    """Apply one partner record; refuse it, with every reason, if it is not valid."""

    refusal: type[RegistreExternRebutjat]
    what: str  # "oferta", "empresa": in the dead letter's reason

    def __init__(self, partners: dict[str, str]) -> None:
        self._partners = partners  # partner → contact mail

    async def handle(self, event: CloudEvent[Any], uow: U) -> None:
        soci, referencia = partner_of(event.type), event.subject
        contacte = self._partners.get(soci)
        if contacte is None:
            raise PermanentError(f"soci desconegut: '{soci}' (cal configurar-lo a DISTRICTE_INGEST_PARTNERS)")
        try:
            await self.apply(soci, referencia, event, uow)
        except ValidationError as exc:
            self._refuse(soci, referencia, contacte, [f"{e.camp}: {e.motiu}" for e in field_errors(exc)])
        except Rejected as exc:
            self._refuse(soci, referencia, contacte,
                         [f"{e.camp}: {e.motiu}" for e in exc.errors] or [exc.missatge])

    @abstractmethod
    async def apply(self, soci: str, referencia: str, event: CloudEvent[Any], uow: U) -> None:
        """Validate the record (``event.data.model_extra``) and apply it, within ``uow``."""

    def _refuse(self, soci: str, referencia: str, contacte: str, motius: list[str]) -> None:
        raise PermanentError(
            f"{self.what} del soci '{soci}' rebutjada ({referencia}): " + "; ".join(motius),
            announce=self.refusal(soci=soci, referencia=referencia[:200], contacte=contacte, motius=motius))


class PartnerConsumer(EventConsumer[U]):
    """Partners publish on their own subject; each gets the same handling. The envelope is checked
    on arrival, the record itself by the handler, so that a bad one is answered to its partner with
    every reason, like a refused API call."""

    def __init__(self, spec: ConsumerSpec, event_name: str, handler: Any, uow_factory: Any,
                 dead_letters: Any, metrics: Any) -> None:
        record = type(f"Any{event_name}", (EventData,), {
            "model_config": ConfigDict(extra="allow", frozen=True), "owner": INGEST, "event_name": event_name,
            "__module__": __name__})
        self._handler: Route[U] = Route(record, handler)
        self._subject = re.compile(rf"districte\.ingest\.{_SEGMENT}\.{event_name}\.v1")
        self._record = record
        super().__init__(spec, [self._handler], uow_factory, dead_letters, metrics)

    def decode(self, payload: bytes, subject: str) -> CloudEvent[Any] | Undecodable:
        if not self._subject.fullmatch(subject):
            return Undecodable(f"subjecte de soci no vàlid: {subject}")
        return decode_event(payload, subject, {subject: self._record})

    def route(self, event_type: str) -> Route[U]:
        return self._handler
