"""Claiming due rows, so replicas sharing a database never deliver the same thing twice.

A claim pushes the row's next-attempt time past a lease: other replicas no longer see it as
due. The claimer then records the outcome (sent, or a retry time); if it dies first, the row
becomes due again when the lease ends — delayed, never lost. The UPDATE re-checks that the row is
still due, so of two replicas racing for a row exactly one gets it (on PostgreSQL the other skips
the rows already locked instead of waiting for them).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Column, Table, select, update
from sqlalchemy.ext.asyncio import AsyncConnection


async def claim(connection: AsyncConnection, table: Table, key: Column, due_at: Column,
                conditions: Sequence[Any], order_by: Sequence[Any], now: datetime, lease_until: datetime | None,
                limit: int) -> list[dict[str, Any]]:
    """Claim up to ``limit`` rows meeting ``conditions`` whose ``due_at`` has come; the claimed rows.

    ``lease_until`` None: only read them — for a sole sender (one process owns an SQLite file),
    which races with nobody and so spares a write transaction per batch.
    """
    due = (*conditions, due_at <= now)
    if lease_until is None:
        rows = await connection.execute(select(table).where(*due).order_by(*order_by).limit(limit))
        return [dict(row._mapping) for row in rows]
    candidates = select(key).where(*due).order_by(*order_by).limit(limit)
    if connection.dialect.name == "postgresql":
        candidates = candidates.with_for_update(skip_locked=True)
    keys = (await connection.execute(candidates)).scalars().all()
    if not keys:
        return []
    claimed = await connection.execute(
        update(table).where(key.in_(keys), *due).values({due_at.name: lease_until}).returning(table))
    return [dict(row._mapping) for row in claimed]
