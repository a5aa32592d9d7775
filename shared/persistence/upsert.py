"""INSERT ... ON CONFLICT for SQLite and PostgreSQL alike (both dialects speak it)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection


def _insert(connection: AsyncConnection, table: Table):  # type: ignore[no-untyped-def]
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    return dialect.insert(table)


async def upsert(connection: AsyncConnection, table: Table, values: dict[str, Any],
                 keys: Sequence[str], keep: Sequence[str] = ()) -> None:
    """Insert, or update every column of the row with the same keys but those in ``keep``."""
    statement = _insert(connection, table).values(**values)
    changes = {name: statement.excluded[name] for name in values if name not in keys and name not in keep}
    if changes:
        statement = statement.on_conflict_do_update(index_elements=list(keys), set_=changes)
    else:
        statement = statement.on_conflict_do_nothing(index_elements=list(keys))
    await connection.execute(statement)


async def insert_new(connection: AsyncConnection, table: Table, values: dict[str, Any],
                     keys: Sequence[str]) -> bool:
    """Insert unless a row with the same keys exists; True if inserted."""
    # Values travel as parameters, so the statement is compiled once per table, not per row.
    statement = _insert(connection, table).on_conflict_do_nothing(index_elements=list(keys))
    result = await connection.execute(statement, values)
    return bool(result.rowcount)
