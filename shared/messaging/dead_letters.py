"""Dead letters: events a consumer could not handle, kept with the reason until replayed."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import insert, select, update

from shared.persistence.database import Database
from shared.persistence.messaging_tables import dead_letters


@dataclass(frozen=True)
class DeadLetter:
    id: str
    stream: str
    consumer: str
    sequence: int
    subject: str
    payload: bytes
    reason: str
    deliveries: int
    created_at: datetime
    replayed_at: datetime | None = None


class DeadLetterStore:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def add(self, *, stream: str, consumer: str, sequence: int, subject: str,
                  payload: bytes, reason: str, deliveries: int) -> str:
        letter_id = str(uuid.uuid4())
        async with self._database.writing() as connection:
            await connection.execute(
                insert(dead_letters).values(
                    id=letter_id, stream=stream, consumer=consumer, sequence=sequence,
                    subject=subject, payload=payload, reason=reason[:4000],
                    deliveries=deliveries, created_at=datetime.now(UTC),
                )
            )
        return letter_id

    async def list(self, *, include_replayed: bool = False, limit: int = 100) -> list[DeadLetter]:
        query = select(dead_letters).order_by(dead_letters.c.created_at).limit(limit)
        if not include_replayed:
            query = query.where(dead_letters.c.replayed_at.is_(None))
        async with self._database.reading() as connection:
            rows = (await connection.execute(query)).all()
        return [DeadLetter(**row._mapping) for row in rows]

    async def get(self, letter_id: str) -> DeadLetter | None:
        async with self._database.reading() as connection:
            row = (
                await connection.execute(select(dead_letters).where(dead_letters.c.id == letter_id))
            ).first()
        return DeadLetter(**row._mapping) if row else None

    async def exists(self, stream: str, consumer: str, sequence: int) -> bool:
        async with self._database.reading() as connection:
            row = (await connection.execute(select(dead_letters.c.id).where(
                dead_letters.c.stream == stream, dead_letters.c.consumer == consumer,
                dead_letters.c.sequence == sequence))).first()
        return row is not None

    async def mark_replayed(self, letter_id: str) -> None:
        async with self._database.writing() as connection:
            await connection.execute(
                update(dead_letters)
                .where(dead_letters.c.id == letter_id)
                .values(replayed_at=datetime.now(UTC))
            )
