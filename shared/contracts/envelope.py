"""The CloudEvents 1.0 envelope (structured JSON mode) every event travels in.

The subject a message is published on equals its ``type``:
``districte.<owner>.<Event>.v<N>``. The envelope ``id`` is also sent as the
``Nats-Msg-Id`` header so JetStream drops duplicate publishes.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, ClassVar, Generic, Literal, TypeVar

import orjson
from pydantic import BaseModel, ConfigDict, Field

SUBJECT_ROOT = "districte"


class EventData(BaseModel):
    """Base of every event payload; subclasses name their owner, event name and version."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    owner: ClassVar[str]
    event_name: ClassVar[str]
    version: ClassVar[int] = 1
    # The field naming the entity the event is about, dotted when nested ("oferta.oferta_id").
    subject_field: ClassVar[str]

    @classmethod
    def event_type(cls) -> str:
        return f"{SUBJECT_ROOT}.{cls.owner}.{cls.event_name}.v{cls.version}"

    def entity_id(self) -> str:
        """The id of the entity the event is about (the envelope ``subject``)."""
        value: Any = self
        for name in self.subject_field.split("."):
            value = getattr(value, name)
        return str(value)


D = TypeVar("D", bound=BaseModel)


class CloudEvent(BaseModel, Generic[D]):
    model_config = ConfigDict(extra="forbid", frozen=True)

    specversion: Literal["1.0"]
    id: uuid.UUID
    # A URI-reference naming who produced it: districte/<owner> for ours; partners use their own.
    source: str = Field(min_length=1, max_length=200, pattern=r"^\S+$")
    type: str
    time: datetime
    subject: str
    datacontenttype: Literal["application/json"] = "application/json"
    data: D
    correlationid: str
    causationid: str | None = None


class RawEnvelope(CloudEvent[dict[str, Any]]):
    """An envelope whose ``data`` is not yet validated against its event's model."""


def new_event(data: EventData, *, correlation_id: str | None = None,
              causation_id: str | None = None) -> CloudEvent[EventData]:
    """Wrap a payload in a fresh envelope; a new event starts its own correlation."""
    event_id = uuid.uuid4()
    return CloudEvent[type(data)](  # type: ignore[misc]
        specversion="1.0",
        id=event_id,
        source=f"{SUBJECT_ROOT}/{data.owner}",
        type=data.event_type(),
        time=datetime.now(UTC),
        subject=data.entity_id(),
        data=data,
        correlationid=correlation_id or str(event_id),
        causationid=causation_id,
    )


def caused_by(data: EventData, cause: CloudEvent[Any]) -> CloudEvent[EventData]:
    """An event that a handled event caused: same correlation, causation = the cause's id."""
    return new_event(data, correlation_id=cause.correlationid, causation_id=str(cause.id))


def encode(event: CloudEvent[Any]) -> bytes:
    return orjson.dumps(event.model_dump(mode="json"))
