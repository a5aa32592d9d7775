"""Dead letters for messages whose deliveries ran out while nobody could say why.

A consumer that keeps failing dead-letters the event itself on its last delivery. But a
process that crashes or hangs on a message never gets to: JetStream then gives up after
``max_deliver`` and only announces it (``MAX_DELIVERIES`` advisory). This turns each such
announcement, kept in a stream, into a dead letter with the original payload, once.
"""

from __future__ import annotations

from collections.abc import Callable

import orjson
import structlog
from nats.aio.msg import Msg
from nats.js import JetStreamContext
from nats.js.errors import NotFoundError

from shared.messaging.dead_letters import DeadLetterStore
from shared.messaging.topology import EXHAUSTED_STREAM, ConsumerSpec, exhausted_subject
from shared.observability.metrics import ServiceMetrics

log = structlog.get_logger(__name__)


def exhausted_spec(service: str, consumers: list[ConsumerSpec]) -> ConsumerSpec:
    return ConsumerSpec(durable=f"{service}-exhausted", stream=EXHAUSTED_STREAM,
                        subjects=tuple(exhausted_subject(spec) for spec in consumers))


class ExhaustedDeliveries:
    def __init__(self, spec: ConsumerSpec, jetstream: Callable[[], JetStreamContext],
                 dead_letters: DeadLetterStore, metrics: ServiceMetrics) -> None:
        self.spec = spec
        self._jetstream = jetstream
        self._dead_letters = dead_letters
        self._metrics = metrics

    async def handle_batch(self, messages: list[Msg]) -> None:
        for message in messages:
            try:
                await self._record(orjson.loads(message.data))
            except Exception as exc:  # noqa: BLE001 - try again later
                log.warning("exhausted_advisory_failed", error=type(exc).__name__)
                await message.nak(delay=self.spec.retry_delay(message.metadata.num_delivered))
                continue
            await message.ack()

    async def _record(self, advisory: dict) -> None:
        stream, consumer = advisory["stream"], advisory["consumer"]
        sequence, deliveries = int(advisory["stream_seq"]), int(advisory["deliveries"])
        if await self._dead_letters.exists(stream, consumer, sequence):
            return
        try:
            original = await self._jetstream().get_msg(stream, sequence)
            subject, payload = original.subject, original.data or b""
        except NotFoundError:
            subject, payload = "", b""
        reason = (f"esgotats {deliveries} lliuraments sense confirmació ni rebuig: el servei "
                  "va caure o es va penjar en tractar-lo")
        letter_id = await self._dead_letters.add(
            stream=stream, consumer=consumer, sequence=sequence, subject=subject,
            payload=payload, reason=reason, deliveries=deliveries)
        self._metrics.dead_letters.labels(consumer).inc()
        log.warning("event_dead_lettered", dead_letter_id=letter_id, stream=stream,
                    sequence=sequence, reason="max_deliveries")
