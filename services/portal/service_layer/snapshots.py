"""District-wide figures for the pages (the estates with their company counts, the observatory) are
computed over the whole census and change slowly: a page reads a snapshot at most ``ttl_s`` old, and
shows its date. One computation at a time per figure, however many visitors ask at once. The API
keeps answering live."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Hashable
from typing import Any


class Snapshots:
    def __init__(self, ttl_s: float) -> None:
        self._ttl_s = ttl_s
        self._taken: dict[Hashable, tuple[float, Any]] = {}
        self._locks: dict[Hashable, asyncio.Lock] = {}

    async def get(self, key: Hashable, compute: Callable[[], Awaitable[Any]]) -> Any:
        if self._ttl_s <= 0:
            return await compute()
        fresh = self._fresh(key)
        if fresh is not None:
            return fresh[1]
        async with self._locks.setdefault(key, asyncio.Lock()):
            fresh = self._fresh(key)  # another request may have taken it meanwhile
            if fresh is not None:
                return fresh[1]
            value = await compute()
            self._taken[key] = (time.monotonic() + self._ttl_s, value)
            return value

    def _fresh(self, key: Hashable) -> tuple[float, Any] | None:
        taken = self._taken.get(key)
        return taken if taken is not None and taken[0] > time.monotonic() else None
