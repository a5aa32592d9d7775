"""Unit of work: one database transaction holding a change, its outgoing events and the
ids of the incoming events it handled, so all of them commit or none does."""

from __future__ import annotations

from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Self

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from shared.contracts.envelope import CloudEvent, encode
from shared.persistence.database import Database
from shared.persistence.messaging_tables import outbox, processed_events


class UnitOfWork:
    """Base of each service's unit of work; subclasses open their repositories in ``_open``."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self._connection: AsyncConnection | None = None
        self._events_added = 0

    @property
    def connection(self) -> AsyncConnection:
        if self._connection is None:
            raise RuntimeError("unit of work used outside 'async with'")
        return self._connection

    async def __aenter__(self) -> Self:
        self._connection = await self.database.engine.connect()
        await self._connection.begin()
        self._events_added = 0
        self._open(self._connection)
        return self

    def _open(self, connection: AsyncConnection) -> None:
        """Bind repositories to the transaction's connection."""

    async def __aexit__(self, exc_type: type[BaseException] | None,
                        exc: BaseException | None, tb: TracebackType | None) -> None:
        connection, self._connection = self._connection, None
        if connection is None:
            return
        try:
            if connection.in_transaction():
                await connection.rollback()
        finally:
            await connection.close()

    async def commit(self) -> None:
        await self.connection.commit()
        if self._events_added:
            self.database.outbox_signal.set()

    async def rollback(self) -> None:
        await self.connection.rollback()

    async def add_events(self, *events: CloudEvent[Any]) -> None:
        """Stage events in the outbox; the relay publishes them after commit."""
        if not events:
            return
        now = datetime.now(UTC)
        await self.connection.execute(
            insert(outbox),
            [
                {"event_id": str(e.id), "subject": e.type, "payload": encode(e), "created_at": now}
                for e in events
            ],
        )
        self._events_added += len(events)

    async def already_processed(self, consumer: str, event_id: str) -> bool:
        row = await self.connection.execute(
            select(processed_events.c.event_id).where(
                processed_events.c.consumer == consumer, processed_events.c.event_id == event_id
            )
        )
        return row.first() is not None

    async def mark_processed(self, consumer: str, event_id: str) -> None:
        await self.connection.execute(
            insert(processed_events).values(
                consumer=consumer, event_id=event_id, processed_at=datetime.now(UTC)
            )
        )
