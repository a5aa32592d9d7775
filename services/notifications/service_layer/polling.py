"""The loop both dispatchers run: deliver a batch, and when there was less than a batch, wait
for a wake-up (something was stored) or the next poll."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import structlog

log = structlog.get_logger(__name__)


async def deliver_until_stopped(deliver: Callable[[], Awaitable[int]], wake: asyncio.Event,
                                stopping: asyncio.Event, *, batch_size: int, idle_poll_s: float,
                                failure_event: str, on_idle: Callable[[], Awaitable[None]] | None = None) -> None:
    while not stopping.is_set():
        # Cleared before looking, not after: a wake-up that arrives while a batch is being
        # delivered must not be lost, or that notification would wait for the poll.
        wake.clear()
        try:
            handled = await deliver()
        except Exception as exc:  # noqa: BLE001 - keep delivering after any failure
            log.warning(failure_event, error=type(exc).__name__)
            handled = 0
        if handled < batch_size:
            try:
                await asyncio.wait_for(wake.wait(), timeout=idle_poll_s)
            except TimeoutError:
                if on_idle is not None:
                    await on_idle()
