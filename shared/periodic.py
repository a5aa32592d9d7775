"""A background job that does one step every so often until the service stops."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import structlog

log = structlog.get_logger(__name__)


def every(interval_s: float, step: Callable[[], Awaitable[object]],
          name: str) -> Callable[[asyncio.Event], Awaitable[None]]:
    """The job for :meth:`ServiceRuntime.add_job`: ``step()``, then wait, until stopping.
    A failed step is logged and tried again at the next round."""

    async def job(stopping: asyncio.Event) -> None:
        while not stopping.is_set():
            try:
                await step()
            except Exception as exc:  # noqa: BLE001 - the next round tries again
                log.warning("periodic_job_failed", job=name, error=type(exc).__name__)
            try:
                await asyncio.wait_for(stopping.wait(), timeout=interval_s)
            except TimeoutError:
                pass

    job.__name__ = name
    return job
