"""The directory is answered from its indexes (SQLite's plan): a page is read off an index in the
directory's order — no sort of every match — and its count off an index alone."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

import pytest
from sqlalchemy import event

from services.census.service_layer.unit_of_work import CensusUnitOfWork

Uow = partial[CensusUnitOfWork]
SEARCHES = ({"q": "metalls"}, {"poligon": "els-bellots"}, {"cnae": "2511", "q": "meta"}, {"poligon": "els-bellots",
                                                                                          "q": "egara"})


async def plans(uow: Uow, query: Callable[[CensusUnitOfWork], Awaitable[Any]]) -> list[str]:
    """SQLite's plan of each statement on ``empreses`` that ``query`` runs."""
    database = uow.args[0]
    if database.engine.dialect.name != "sqlite":
        pytest.skip("the plan checked is SQLite's (PostgreSQL plans by its statistics)")
    statements: list[tuple[str, Any]] = []

    def capture(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "empreses" in statement:
            statements.append((statement, parameters))

    event.listen(database.engine.sync_engine, "before_cursor_execute", capture)
    try:
        async with uow(readonly=True) as tx:
            await query(tx)
            return [" | ".join(str(step[-1]) for step in (await tx.connection.exec_driver_sql(
                f"EXPLAIN QUERY PLAN {statement}", parameters)).all()) for statement, parameters in statements]
    finally:
        event.remove(database.engine.sync_engine, "before_cursor_execute", capture)


@pytest.mark.parametrize("filters", SEARCHES, ids=lambda f: "+".join(f))
async def test_every_directory_search_reads_an_index_in_order(census_uow: Uow, filters: dict[str, str]) -> None:
    found = await plans(census_uow, lambda tx: tx.empreses.search(
        **{"poligon": None, "cnae": None, "q": None} | filters, include_natural_persons=False, offset=0, limit=50))
    assert len(found) == 2, found  # the count, and the page
    for plan in found:
        assert "USING" in plan and "INDEX ix_empreses_" in plan and "TEMP B-TREE" not in plan, plan
    assert "COVERING INDEX" in found[0], found[0]


async def test_the_duplicate_scan_reads_only_the_companies_it_has_still_to_compare(census_uow: Uow) -> None:
    [plan] = await plans(census_uow, lambda tx: tx.empreses.not_compared(500))
    assert "INDEX ix_empreses_per_comparar" in plan and "TEMP B-TREE" not in plan, plan
