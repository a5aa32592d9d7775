"""What a service may do on the bus, and the NATS permissions that allow exactly that.

Each service declares its :class:`BusAccess` next to its consumers; ``districte nats-config``
turns the four declarations into one NATS user each (least privilege), ``districte provision``
declares their streams and consumers, and the runtime refuses to start a consumer its
declaration does not name (so the permissions cannot drift from the code).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from shared.contracts.envelope import SUBJECT_ROOT
from shared.contracts.rpc import RPC_ROOT
from shared.messaging.exhausted import exhausted_spec
from shared.messaging.topology import INGEST, ConsumerSpec
from shared.messaging.uploads import BUCKET

# JetStream's object store keeps a bucket in the stream OBJ_<bucket> under $O.<bucket>.>.
FILES_STREAM = f"OBJ_{BUCKET}"


def inbox_prefix(identity: str) -> str:
    """Each identity reads replies only on its own inboxes, never on another's."""
    return f"_INBOX_{identity}"


@dataclass(frozen=True)
class BusAccess:
    service: str
    # Its events: it publishes on districte.<service>.> (through its outbox), if it owns a stream.
    publishes_events: bool = True
    # The durable consumers it pulls from (a dead-letter consumer of their advisories is added).
    consumers: tuple[ConsumerSpec, ...] = ()
    # Whom it asks (request-reply): ("census", "location") or ("census.admin.LlistarDeadLetters", ...).
    calls: tuple[str, ...] = ()
    # Whether it answers requests on districte.rpc.<service>.>.
    answers: bool = True
    # Whether it reads or writes the uploaded files (the object store).
    files: bool = False

    def exhausted_consumer(self) -> ConsumerSpec | None:
        """Its consumer of the advisories about its own messages that ran out of deliveries."""
        return exhausted_spec(self.service, list(self.consumers)) if self.consumers else None

    def all_consumers(self) -> tuple[ConsumerSpec, ...]:
        exhausted = self.exhausted_consumer()
        return (*self.consumers, exhausted) if exhausted else ()

    def permissions(self) -> dict[str, Any]:
        """The NATS ``permissions`` block of this service's user."""
        publish = ["$JS.API.INFO"]  # the readiness check asks for the account's JetStream info
        if self.publishes_events:
            publish.append(f"{SUBJECT_ROOT}.{self.service}.>")
        publish += [f"{RPC_ROOT}.{target}" if "." in target else f"{RPC_ROOT}.{target}.>" for target in self.calls]
        for spec in self.all_consumers():
            publish += consumer_subjects(spec)
        for stream in sorted({spec.stream for spec in self.all_consumers()}):
            # A dead letter records the message that ran out of deliveries, read by sequence.
            publish.append(f"$JS.API.STREAM.MSG.GET.{stream}")
        if self.files:
            publish += files_subjects()
        subscribe = [f"{inbox_prefix(self.service)}.>"]
        if self.answers:
            subscribe.append(f"{RPC_ROOT}.{self.service}.>")
        return {"publish": {"allow": publish}, "subscribe": {"allow": subscribe},
                # Replies to requests go to the asker's inbox, only while a request is open.
                "allow_responses": {"max": 1, "expires": "1m"} if self.answers else False}


def consumer_subjects(spec: ConsumerSpec) -> list[str]:
    """Pull from a durable consumer and acknowledge its messages (nothing else of it)."""
    return [f"$JS.API.CONSUMER.INFO.{spec.stream}.{spec.durable}",
            f"$JS.API.CONSUMER.MSG.NEXT.{spec.stream}.{spec.durable}",
            f"$JS.ACK.{spec.stream}.{spec.durable}.>"]


def files_subjects() -> list[str]:
    """Put, get and delete objects of the uploads bucket (an ordered consumer reads one back, on
    the stream nats-py looks up by subject: hence the stream names)."""
    return [f"$O.{BUCKET}.>", "$JS.API.STREAM.NAMES", f"$JS.API.STREAM.INFO.{FILES_STREAM}", f"$JS.API.STREAM.MSG.GET.{FILES_STREAM}",
            f"$JS.API.DIRECT.GET.{FILES_STREAM}.>", f"$JS.API.STREAM.PURGE.{FILES_STREAM}",
            f"$JS.API.CONSUMER.CREATE.{FILES_STREAM}", f"$JS.API.CONSUMER.CREATE.{FILES_STREAM}.>",
            f"$JS.API.CONSUMER.DELETE.{FILES_STREAM}.>",
            f"$JS.API.CONSUMER.INFO.{FILES_STREAM}.>"]


def partner_permissions(partner: str) -> dict[str, Any]:
    """A partner system publishes its records on its own subjects, and reads its publish acks."""
    return {"publish": {"allow": [f"{SUBJECT_ROOT}.{INGEST}.{partner}.>"]},
            "subscribe": {"allow": [f"{inbox_prefix(partner)}.>"]}}


def provisioner_permissions() -> dict[str, Any]:
    """The one-shot provisioning step declares streams and consumers: the JetStream API only."""
    return {"publish": {"allow": ["$JS.API.>"]}, "subscribe": {"allow": [f"{inbox_prefix('provisioner')}.>"]}}

