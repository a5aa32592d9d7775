"""Streams and durable consumers, declared in code and reconciled at start-up.

One stream per owning service, file storage, limits retention. Consumers are created
(or updated: ``add_consumer`` reconciles an existing durable) with explicit
``ack_wait``, ``max_deliver`` and ``max_ack_pending`` so nothing is redelivered forever.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from nats.js import JetStreamContext
from nats.js.api import (
    AckPolicy,
    ConsumerConfig,
    DeliverPolicy,
    RetentionPolicy,
    StorageType,
    StreamConfig,
)
from nats.js.errors import NotFoundError

from shared.contracts.envelope import SUBJECT_ROOT

OWNERS = ("census", "location", "notifications")
# One stream per owning service, and INGEST for what partner systems publish.
INGEST = "ingest"
STREAM_OWNERS = (*OWNERS, INGEST)


def stream_name(owner: str) -> str:
    return owner.upper()


def stream_subjects(owner: str) -> list[str]:
    return [f"{SUBJECT_ROOT}.{owner}.>"]


def stream_for_subject(subject: str) -> str:
    owner = subject.split(".")[1]
    return stream_name(owner)


@dataclass(frozen=True)
class ConsumerSpec:
    """A durable pull consumer of one service on one stream."""

    durable: str
    stream: str
    subjects: tuple[str, ...]
    ack_wait_s: float = 30.0
    max_deliver: int = 8
    max_ack_pending: int = 1000
    # Delay before the n-th redelivery after a transient failure (last value repeats).
    retry_delays_s: tuple[float, ...] = field(default=(0.5, 1, 2, 5, 10, 20, 30))

    def consumer_config(self) -> ConsumerConfig:
        return ConsumerConfig(
            durable_name=self.durable,
            ack_policy=AckPolicy.EXPLICIT,
            deliver_policy=DeliverPolicy.ALL,
            ack_wait=self.ack_wait_s,
            max_deliver=self.max_deliver,
            max_ack_pending=self.max_ack_pending,
            filter_subjects=list(self.subjects),
        )

    def retry_delay(self, num_delivered: int) -> float:
        index = min(max(num_delivered - 1, 0), len(self.retry_delays_s) - 1)
        return self.retry_delays_s[index]


async def ensure_stream(js: JetStreamContext, owner: str, replicas: int = 1) -> None:
    await _add_or_update(js, StreamConfig(
        name=stream_name(owner),
        subjects=stream_subjects(owner),
        storage=StorageType.FILE,
        retention=RetentionPolicy.LIMITS,
        num_replicas=replicas,
        duplicate_window=120.0,
    ))


async def _add_or_update(js: JetStreamContext, config: StreamConfig) -> None:
    try:
        await js.stream_info(config.name)
    except NotFoundError:
        await js.add_stream(config)
    else:
        await js.update_stream(config)


async def ensure_consumer(js: JetStreamContext, spec: ConsumerSpec) -> None:
    await js.add_consumer(spec.stream, spec.consumer_config())


# JetStream announces a message that ran out of deliveries without being acked or termed
# (the consumer crashed or hung on every try) only as an advisory; a stream keeps those
# announcements so a service that was down when one was sent still turns it into a dead letter.
EXHAUSTED_STREAM = "EXHAUSTED_DELIVERIES"
EXHAUSTED_PREFIX = "$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES"


def exhausted_subject(spec: ConsumerSpec) -> str:
    return f"{EXHAUSTED_PREFIX}.{spec.stream}.{spec.durable}"


async def ensure_exhausted_stream(js: JetStreamContext, replicas: int = 1) -> None:
    await _add_or_update(js, StreamConfig(
        name=EXHAUSTED_STREAM,
        subjects=[f"{EXHAUSTED_PREFIX}.>"],
        storage=StorageType.FILE,
        retention=RetentionPolicy.LIMITS,
        num_replicas=replicas,
        max_age=30 * 24 * 3600.0,
    ))
