"""Idempotent event consumption with bounded, backed-off redelivery and dead letters.

A batch pulled from a durable consumer is handled in one transaction (batching is the
throughput lever); each event id is recorded in ``processed_events`` in that same
transaction, so a duplicate or a redelivery has its effect once. If the batch fails,
each event is retried on its own so one bad event cannot hold back the others:
- a payload that can never be valid, or a :class:`PermanentError`, becomes a dead letter at once;
- any other error naks with a growing delay until ``max_deliver``, then dead-letters.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import structlog
from nats.aio.msg import Msg
from sqlalchemy.exc import IntegrityError

from shared.contracts.envelope import CloudEvent, EventData, caused_by
from shared.faults import CONSUMER_BEFORE_ACK, CONSUMER_BEFORE_COMMIT, crash_point
from shared.messaging.dead_letters import DeadLetterStore
from shared.messaging.decoding import Undecodable, decode_event
from shared.messaging.topology import ConsumerSpec
from shared.observability.logging import bind_message
from shared.observability.metrics import ServiceMetrics
from shared.persistence.unit_of_work import UnitOfWork

log = structlog.get_logger(__name__)

U = TypeVar("U", bound=UnitOfWork)
Handler = Callable[[CloudEvent[Any], U], Awaitable[None]]


class PermanentError(Exception):
    """The event is well-formed but can never be handled; retrying would not help.

    ``announce``: an event telling someone why (e.g. a partner whose offer was refused),
    published once alongside the dead letter.
    """

    def __init__(self, reason: str, announce: EventData | None = None) -> None:
        super().__init__(reason)
        self.announce = announce


@dataclass(frozen=True)
class Route(Generic[U]):
    model: type[EventData]
    handler: Handler[U]


class EventConsumer(Generic[U]):
    def __init__(self, spec: ConsumerSpec, routes: list[Route[U]],
                 uow_factory: Callable[[], U], dead_letters: DeadLetterStore,
                 metrics: ServiceMetrics) -> None:
        self.spec = spec
        self._routes = {route.model.event_type(): route for route in routes}
        self._models = {event_type: route.model for event_type, route in self._routes.items()}
        self._uow_factory = uow_factory
        self._dead_letters = dead_letters
        self._metrics = metrics

    @property
    def name(self) -> str:
        return self.spec.durable

    def new_unit_of_work(self) -> U:
        return self._uow_factory()

    def decode(self, payload: bytes, subject: str) -> CloudEvent[Any] | Undecodable:
        return decode_event(payload, subject, self._models)

    def route(self, event_type: str) -> Route[U]:
        return self._routes[event_type]

    async def handle_batch(self, messages: list[Msg]) -> None:
        started = time.perf_counter()
        log.debug("batch_received", consumer=self.name, size=len(messages),
                  first_sequence=messages[0].metadata.sequence.stream if messages else None)
        decoded: list[tuple[CloudEvent[Any], Msg]] = []
        for message in messages:
            result = self.decode(message.data, message.subject)
            if isinstance(result, Undecodable):
                await self._dead_letter(message, result.reason)
            else:
                decoded.append((result, message))
        if decoded:
            try:
                await self._handle_together(decoded)
            except Exception:  # noqa: BLE001 - fall back to one transaction per event
                log.info("batch_failed_retrying_one_by_one", consumer=self.name, size=len(decoded))
                for event, message in decoded:
                    await self._handle_alone(event, message)
            else:
                crash_point(CONSUMER_BEFORE_ACK)
                for _, message in decoded:
                    await message.ack()
                self._metrics.messages_handled.labels(self.name).inc(len(decoded))
        self._metrics.handler_latency.labels(self.name).observe(time.perf_counter() - started)

    async def process(self, event: CloudEvent[Any], uow: U) -> bool:
        """Apply one event inside ``uow`` unless it was handled before; True if applied."""
        return bool(await self._process_all([event], uow))

    async def _process_all(self, events: list[CloudEvent[Any]], uow: U) -> int:
        done = await uow.already_processed(self.name, [str(e.id) for e in events])
        applied = 0
        for event in events:
            event_id = str(event.id)
            with bind_message(event_id, event.correlationid, type=event.type):
                if event_id in done:
                    log.info("duplicate_event_skipped")
                    self._metrics.duplicates_skipped.labels(self.name).inc()
                    continue
                await self.route(event.type).handler(event, uow)
                uow.mark_processed(self.name, event_id)
                done.add(event_id)
                applied += 1
        return applied

    async def _handle_together(self, batch: list[tuple[CloudEvent[Any], Msg]]) -> None:
        async with self._uow_factory() as uow:
            await self._process_all([event for event, _ in batch], uow)
            crash_point(CONSUMER_BEFORE_COMMIT)
            await uow.commit()

    async def _handle_alone(self, event: CloudEvent[Any], message: Msg) -> None:
        with bind_message(str(event.id), event.correlationid, type=event.type):
            try:
                async with self._uow_factory() as uow:
                    await self._process_all([event], uow)
                    crash_point(CONSUMER_BEFORE_COMMIT)
                    await uow.commit()
            except PermanentError as exc:
                if exc.announce is not None:
                    await self._announce(event, exc.announce)
                await self._dead_letter(message, str(exc))
                return
            except Exception as exc:  # noqa: BLE001 - classified below
                await self._retry_or_give_up(message, exc)
                return
            crash_point(CONSUMER_BEFORE_ACK)
            await message.ack()
            self._metrics.messages_handled.labels(self.name).inc()

    async def _announce(self, cause: CloudEvent[Any], data: EventData) -> None:
        """Publish the refusal once: its id derives from the refused event's, so a
        redelivery of that event finds it already in the outbox."""
        announcement = caused_by(data, cause).model_copy(
            update={"id": uuid.uuid5(cause.id, f"{self.name}:{data.event_type()}")})
        try:
            async with self._uow_factory() as uow:
                await uow.add_events(announcement)
                await uow.commit()
        except IntegrityError:
            log.info("refusal_already_announced")

    async def _retry_or_give_up(self, message: Msg, exc: Exception) -> None:
        self._metrics.messages_failed.labels(self.name).inc()
        deliveries = message.metadata.num_delivered
        reason = f"{type(exc).__name__}: {exc}"
        if deliveries >= self.spec.max_deliver:
            await self._dead_letter(message, f"esgotats {deliveries} lliuraments; darrer error: {reason}")
            return
        delay = self.spec.retry_delay(deliveries)
        log.warning("event_failed_will_retry", error=type(exc).__name__, delivery=deliveries,
                    retry_in_s=delay)
        await message.nak(delay=delay)

    async def _dead_letter(self, message: Msg, reason: str) -> None:
        metadata = message.metadata
        try:
            # A crash between recording and terminating brings the message back: record once.
            if await self._dead_letters.exists(metadata.stream, self.name, metadata.sequence.stream):
                await message.term()
                return
            letter_id = await self._dead_letters.add(
                stream=metadata.stream, consumer=self.name, sequence=metadata.sequence.stream,
                subject=message.subject, payload=message.data, reason=reason,
                deliveries=metadata.num_delivered,
            )
        except Exception as exc:  # noqa: BLE001 - cannot record it: let it come back later
            log.error("dead_letter_not_recorded", error=type(exc).__name__)
            await message.nak(delay=self.spec.retry_delay(metadata.num_delivered))
            return
        self._metrics.dead_letters.labels(self.name).inc()
        # The reason stays in the dead letter (staff only): error texts may quote personal data.
        log.warning("event_dead_lettered", dead_letter_id=letter_id, stream=metadata.stream,
                    sequence=metadata.sequence.stream)
        await message.term()
