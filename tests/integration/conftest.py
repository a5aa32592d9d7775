"""Fixtures of the integration tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from functools import partial

import pytest

from services.census.bootstrap import MIGRATIONS as CENSUS_MIGRATIONS
from services.census.service_layer.seed import seed_poligons
from services.census.service_layer.unit_of_work import CensusUnitOfWork
from services.location.bootstrap import MIGRATIONS as LOCATION_MIGRATIONS
from services.location.service_layer.unit_of_work import LocationUnitOfWork
from services.notifications.bootstrap import MIGRATIONS as NOTIFICATIONS_MIGRATIONS
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from services.portal.bootstrap import MIGRATIONS as PORTAL_MIGRATIONS
from services.portal.service_layer.unit_of_work import PortalUnitOfWork
from shared.persistence.database import Database
from shared.persistence.migrations import migrate
from tests.support.notifying import unit_of_work_factory
from tests.support.premises import ESTATES


@pytest.fixture
async def uow(databases) -> AsyncIterator[partial[LocationUnitOfWork]]:  # type: ignore[no-untyped-def]
    """Units of work on a fresh location database that knows ``ESTATES``."""
    await databases.ensure("location")
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


@pytest.fixture
async def census_uow(databases) -> AsyncIterator[partial[CensusUnitOfWork]]:  # type: ignore[no-untyped-def]
    """Units of work on a fresh census database with Terrassa's estates."""
    await databases.ensure("census")
    url = databases.url("census")
    await migrate(url, CENSUS_MIGRATIONS)
    database = Database(url)
    factory = partial(CensusUnitOfWork, database)
    await seed_poligons(factory)
    yield factory
    await database.dispose()


JUNTA = "junta@bellots.example"


@pytest.fixture
async def notifications_uow(databases) -> AsyncIterator[partial[NotificationsUnitOfWork]]:  # type: ignore[no-untyped-def]
    """Units of work on a fresh notifications database that knows two estates; Els Bellots is
    looked after by a management body (``JUNTA``)."""
    await databases.ensure("notifications")
    url = databases.url("notifications")
    await migrate(url, NOTIFICATIONS_MIGRATIONS)
    database = Database(url)
    factory = unit_of_work_factory(database)
    async with factory() as tx:
        await tx.directory.save_poligon("els-bellots", "Els Bellots")
        await tx.directory.save_poligon("can-petit", "Can Petit")
        await tx.directory.save_ens_gestor("0d9c7a52-0000-4000-8000-00000000b011", "Junta dels Bellots", JUNTA,
                                           ["els-bellots"])
        await tx.commit()
    yield factory
    await database.dispose()


@pytest.fixture
async def portal_uow(databases) -> AsyncIterator[partial[PortalUnitOfWork]]:  # type: ignore[no-untyped-def]
    """Units of work on a fresh portal database."""
    await databases.ensure("portal")
    url = databases.url("portal")
    await migrate(url, PORTAL_MIGRATIONS)
    database = Database(url)
    yield partial(PortalUnitOfWork, database)
    await database.dispose()
