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

    def __init__(self, database: Database, readonly: bool = False) -> None:
        self.database = database
        self.readonly = readonly
        self._connection: AsyncConnection | None = None
        self._outgoing: list[dict[str, Any]] = []
        self._processed: list[dict[str, Any]] = []

    @property
    def connection(self) -> AsyncConnection:
        if self._connection is None:
            raise RuntimeError("unit of work used outside 'async with'")
        return self._connection

    async def __aenter__(self) -> Self:
        self._connection = await self.database.connect(readonly=self.readonly)
        await self._connection.begin()
        self._outgoing, self._processed = [], []
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
            await self.database.close(connection)

    async def commit(self) -> None:
        # Staged rows go in with one statement each, however many commands staged them.
        if self._outgoing:
            await self.connection.execute(insert(outbox), self._outgoing)
        if self._processed:
            await self.connection.execute(insert(processed_events), self._processed)
        await self.connection.commit()
        if self._outgoing:
            self.database.outbox_signal.set()
        self._outgoing, self._processed = [], []

    async def rollback(self) -> None:
        await self.connection.rollback()

    async def add_events(self, *events: CloudEvent[Any]) -> None:
        """Stage events for the outbox; they are written at commit, in the same transaction."""
        now = datetime.now(UTC)
        self._outgoing += [
            {"event_id": str(e.id), "subject": e.type, "payload": encode(e), "created_at": now}
            for e in events
        ]

    async def already_processed(self, consumer: str, event_ids: list[str]) -> set[str]:
        """Which of these events this consumer has handled before (committed or staged)."""
        staged = {row["event_id"] for row in self._processed if row["consumer"] == consumer}
        rows = await self.connection.execute(
            select(processed_events.c.event_id).where(
                processed_events.c.consumer == consumer, processed_events.c.event_id.in_(event_ids)
            )
        )
        return staged.intersection(event_ids) | {row.event_id for row in rows}

    def mark_processed(self, consumer: str, event_id: str) -> None:
        """Record the event as handled; written at commit, with the effects."""
        self._processed.append(
            {"consumer": consumer, "event_id": event_id, "processed_at": datetime.now(UTC)}
        )
