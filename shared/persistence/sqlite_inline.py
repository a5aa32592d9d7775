"""aiosqlite's interface with every call run at once on the event loop's thread.

aiosqlite hands each call (cursor, execute, fetch, close, ...) to a worker thread and wakes
the event loop when it is done: half a dozen thread hops for one small statement, each
costing far more than the statement itself and waiting for the GIL behind whatever else
the loop is running. A service's SQLite statements take microseconds (WAL, no fsync per
commit, and writers of the process take turns before they begin, see ``Database``), so
running them inline is cheaper and answers sooner. SQLAlchemy keeps driving it through
its aiosqlite dialect; only the connection is different.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Generator
from typing import Any

import aiosqlite


class _RunAtOnce:
    """Stands where aiosqlite keeps its queue to the worker thread: runs each call now."""

    def put_nowait(self, item: tuple[asyncio.Future[Any] | None, Callable[[], Any]]) -> None:
        future, function = item
        try:
            result = function()
        except BaseException as exc:  # noqa: BLE001 - handed to the awaiting caller, as aiosqlite does
            if future is not None:
                future.set_exception(exc)
            return
        if future is not None:
            future.set_result(result)


class InlineConnection(aiosqlite.Connection):
    def __init__(self, connector: Callable[[], sqlite3.Connection]) -> None:
        super().__init__(connector, iter_chunk_size=256)
        self._tx = _RunAtOnce()  # type: ignore[assignment]

    def __await__(self) -> Generator[Any, None, aiosqlite.Connection]:
        # No worker thread to start: connect inline, like every later call.
        return self._connect().__await__()


def inline_connector(path: str) -> Callable[[], InlineConnection]:
    """What ``create_async_engine(async_creator=...)`` calls for each new connection."""

    def connector() -> sqlite3.Connection:
        return sqlite3.connect(path)

    def create() -> InlineConnection:
        return InlineConnection(connector)

    return create
