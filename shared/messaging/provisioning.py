"""Declaring the district's streams and consumers, and waiting for them when someone else does.

On one machine each service declares everything at start-up (idempotent). In production a
one-shot step (``districte provision``, with its own identity) declares them before a new
version starts, and the services — whose identities may only use their own consumers —
wait until their consumers exist.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import replace
from typing import Any

import structlog
from nats.errors import TimeoutError as NatsTimeout
from nats.js import JetStreamContext
from nats.js.errors import NotFoundError, ServiceUnavailableError

from shared.messaging.topology import (
    STREAM_OWNERS,
    ConsumerSpec,
    ensure_consumer,
    ensure_exhausted_stream,
    ensure_stream,
)
from shared.messaging.uploads import upload_store
from shared.settings import ServiceSettings

log = structlog.get_logger(__name__)


# A cluster answers slowly or "unavailable" while it elects leaders (at start, after losing a node).
BUSY = (NatsTimeout, ServiceUnavailableError)


async def patiently(step: Callable[[], Awaitable[None]], stopping: asyncio.Event, what: str) -> None:
    """Run a declaration until the cluster takes it (or the process is told to stop)."""
    delay = 0.5
    while True:
        try:
            await step()
            return
        except BUSY as exc:
            if stopping.is_set():
                raise
            log.warning("jetstream_busy", step=what, error=type(exc).__name__, retry_in_s=delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 5.0)


async def declare_streams(js: JetStreamContext, replicas: int) -> None:
    for owner in STREAM_OWNERS:
        await ensure_stream(js, owner, replicas)
    await ensure_exhausted_stream(js, replicas)
    await upload_store(js, replicas)


async def declare_consumers(js: JetStreamContext, specs: Iterable[ConsumerSpec]) -> None:
    for spec in specs:
        await ensure_consumer(js, spec)


def tuned(spec: ConsumerSpec, settings: ServiceSettings) -> ConsumerSpec:
    """Operators (and the failure tests) may shorten redelivery for every consumer."""
    changes: dict[str, Any] = {}
    if settings.consumer_ack_wait_s is not None:
        changes["ack_wait_s"] = settings.consumer_ack_wait_s
    if settings.consumer_max_deliver is not None:
        changes["max_deliver"] = settings.consumer_max_deliver
    return replace(spec, **changes)


async def wait_for_consumers(js: JetStreamContext, specs: Iterable[ConsumerSpec], stopping: asyncio.Event,
                             poll_s: float = 2.0) -> None:
    """Until every consumer exists (a service may start before the provisioning step has run)."""
    for spec in specs:
        while not stopping.is_set():
            try:
                await js.consumer_info(spec.stream, spec.durable)
                break
            except (NotFoundError, *BUSY):
                log.warning("waiting_for_provisioning", stream=spec.stream, consumer=spec.durable)
                await asyncio.sleep(poll_s)
