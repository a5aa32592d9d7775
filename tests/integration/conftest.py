"""Fixtures of the integration tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from functools import partial

import pytest

from services.location.bootstrap import MIGRATIONS as LOCATION_MIGRATIONS
from services.location.service_layer.unit_of_work import LocationUnitOfWork
from shared.persistence.database import Database
from shared.persistence.migrations import migrate
from tests.support.premises import ESTATES


@pytest.fixture
async def uow(databases) -> AsyncIterator[partial[LocationUnitOfWork]]:  # type: ignore[no-untyped-def]
    """Units of work on a fresh location database that knows ``ESTATES``."""
    url = databases.url("location")
    await migrate(url, LOCATION_MIGRATIONS)
    database = Database(url)
    factory = partial(LocationUnitOfWork, database)
    async with factory() as tx:
        for estate in ESTATES:
            await tx.poligons.save(estate, estate.replace("-", " ").title())
        await tx.commit()
    yield factory
    await database.dispose()
