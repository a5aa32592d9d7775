"""What the benchmark's phases share: an open-loop load at a fixed rate, and percentiles."""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable


async def open_loop(rate: float, count: int, send: Callable[[int], Awaitable[object]]) -> None:
    """Start ``send(i)`` at ``rate`` per second whatever the answers take (an open loop: a slow
    reply never delays the next request), then wait for them all."""
    start = time.perf_counter()
    tasks = []
    for i in range(count):
        delay = start + i / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(send(i)))
    await asyncio.gather(*tasks)


def percentiles_ms(milliseconds: list[float]) -> dict[str, float]:
    ordered = sorted(milliseconds)
    return {"p50_ms": round(statistics.median(ordered), 2),
            "p99_ms": round(ordered[max(int(len(ordered) * 0.99) - 1, 0)], 2)}
