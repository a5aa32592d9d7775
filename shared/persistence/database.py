"""One async engine per service, on SQLite or PostgreSQL alike."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from shared.persistence.sqlite_inline import inline_connector

READ_ONLY = "districte_read_only"


def _prepare_sqlite(engine: AsyncEngine) -> None:
    sync_engine = engine.sync_engine

    @event.listens_for(sync_engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        # Let SQLAlchemy, not the driver, decide when transactions begin (see _on_begin).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(sync_engine, "begin")
    def _on_begin(connection):  # type: ignore[no-untyped-def]
        # A deferred transaction that later writes can fail at once with SQLITE_BUSY
        # when another connection wrote meanwhile; taking the write lock up front waits
        # instead. Read-only work (see UnitOfWork(readonly=True)) need not queue for it.
        if connection.get_execution_options().get(READ_ONLY):
            connection.exec_driver_sql("BEGIN")
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")


class Database:
    """The engine plus a signal the outbox relay waits on after each commit with events.

    On SQLite, writers of this process take turns on an asyncio lock before they begin:
    SQLite itself would make a second writer poll for the file lock with sleeps of up to
    100 ms, the main source of latency under load, where a queue on the lock hands over
    at once. (One process owns an SQLite file; several replicas need PostgreSQL.)

    Statement parameters never appear in error messages (``hide_parameters``): they are
    people's data, and error texts end up in logs and dead letters.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self.is_sqlite = make_url(url).get_backend_name() == "sqlite"
        if self.is_sqlite:
            database = make_url(url).database
            if database and database != ":memory:":
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            self.engine = create_async_engine(url, pool_size=4, max_overflow=4,
                                              hide_parameters=True,
                                              async_creator=inline_connector(database or ":memory:"))
            _prepare_sqlite(self.engine)
        else:
            self.engine = create_async_engine(url, pool_size=10, max_overflow=10, pool_pre_ping=True,
                                              hide_parameters=True)
        self.outbox_signal = asyncio.Event()
        self._write_turn = asyncio.Lock()
        self._turn_holder: AsyncConnection | None = None

    async def connect(self, readonly: bool = False) -> AsyncConnection:
        """A pooled connection; ``readonly`` ones begin without taking SQLite's write lock.

        A writing connection holds this process's write turn on SQLite until it is closed.
        """
        if readonly:
            connection = await self.engine.connect()
            await connection.execution_options(**{READ_ONLY: True})
            return connection
        if not self.is_sqlite:
            return await self.engine.connect()
        await self._write_turn.acquire()
        try:
            connection = await self.engine.connect()
        except BaseException:
            self._write_turn.release()
            raise
        self._turn_holder = connection
        return connection

    async def close(self, connection: AsyncConnection) -> None:
        """Return a connection to the pool and give up its write turn, if it had one."""
        holds_turn = connection is self._turn_holder
        try:
            await connection.close()
        finally:
            if holds_turn:
                self._turn_holder = None
                self._write_turn.release()

    @asynccontextmanager
    async def writing(self) -> AsyncIterator[AsyncConnection]:
        """A write transaction, committed when the block ends without an error."""
        connection = await self.connect()
        try:
            async with connection.begin():
                yield connection
        finally:
            await self.close(connection)

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[AsyncConnection]:
        """A read-only transaction, released as soon as the block ends."""
        connection = await self.connect(readonly=True)
        try:
            async with connection.begin():
                yield connection
        finally:
            await self.close(connection)

    async def ping(self) -> None:
        # Read-only: a health probe must never take SQLite's write lock behind a writer's back
        # (statements run inline, so waiting for it would stall the whole process).
        async with self.reading() as connection:
            await connection.exec_driver_sql("SELECT 1")

    async def dispose(self) -> None:
        await self.engine.dispose()
