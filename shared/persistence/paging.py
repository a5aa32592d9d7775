"""One page of a table's rows that meet some conditions, and how many meet them in all."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, Table, func, select
from sqlalchemy.ext.asyncio import AsyncConnection


async def page(connection: AsyncConnection, table: Table, conditions: Sequence[Any], order_by: Sequence[Any],
               offset: int, limit: int) -> tuple[Sequence[Row[Any]], int]:
    """``order_by`` should end with a unique column, so pages neither repeat nor skip rows."""
    total = (await connection.execute(select(func.count()).select_from(table).where(*conditions))).scalar_one()
    rows = await connection.execute(
        select(table).where(*conditions).order_by(*order_by).offset(offset).limit(limit))
    return rows.all(), total
