"""The pull loop of one durable consumer: fetch a batch, hand it over, repeat.

``fetch`` returns as soon as any message is available (it does not wait to fill the
batch), so batching costs no latency when traffic is light. The loop checks for shutdown
between batches: a batch in hand is always finished, never abandoned halfway. While NATS
is away it waits and tries again; nats-py re-subscribes after a reconnect.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import structlog
from nats.aio.msg import Msg
from nats.errors import Error as NatsError
from nats.js import JetStreamContext

from shared.messaging.topology import ConsumerSpec

log = structlog.get_logger(__name__)


async def pull_loop(js: Callable[[], JetStreamContext], spec: ConsumerSpec,
                    handle: Callable[[list[Msg]], Awaitable[None]], stopping: asyncio.Event,
                    *, batch_size: int = 100, poll_s: float = 0.5) -> None:
    subscription = None
    failures = 0
    while not stopping.is_set():
        try:
            if subscription is None:
                subscription = await js().pull_subscribe_bind(spec.durable, spec.stream)
            messages = await subscription.fetch(batch=batch_size, timeout=poll_s)
        except TimeoutError:
            continue  # nothing to do
        except (NatsError, OSError) as exc:
            failures += 1
            delay = min(0.1 * 2**failures, 5.0)
            log.warning("pull_failed", consumer=spec.durable, error=type(exc).__name__,
                        retry_in_s=delay)
            await asyncio.sleep(delay)
            continue
        failures = 0
        try:
            await handle(messages)
        except Exception as exc:  # noqa: BLE001 - unacked messages come back after ack_wait
            log.exception("batch_handler_crashed", consumer=spec.durable, error=type(exc).__name__)
    if subscription is not None:
        # A pull subscription left open makes the connection's drain wait for its timeout.
        try:
            await subscription.unsubscribe()
        except NatsError:
            pass
