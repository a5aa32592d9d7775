"""Shared fixtures: a real nats-server per test, real databases (SQLite, and PostgreSQL when
``DISTRICTE_TEST_POSTGRES_URL`` is set: CI sets it), a real SMTP server, the real services."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from districte.nats_server import NatsServer
from tests.support.databases import PostgresDatabases, SqliteDatabases
from tests.support.district import District
from tests.support.smtp import SmtpSink

POSTGRES_URL = os.environ.get("DISTRICTE_TEST_POSTGRES_URL")
SERVICES = ("census", "location", "notifications", "portal")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A test marked ``one_database`` proves what does not depend on the database (the integration
    tests check each database): it runs on SQLite only, so the suite keeps within its time."""
    kept, dropped = [], []
    for item in items:
        on_postgres = getattr(item, "callspec", None) and item.callspec.params.get("databases") == "postgres"
        (dropped if on_postgres and item.get_closest_marker("one_database") else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture
def nats_server(tmp_path: Path) -> Iterator[NatsServer]:
    server = NatsServer(tmp_path / "nats", log_file=tmp_path / "nats-server.log")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def smtp() -> Iterator[SmtpSink]:
    sink = SmtpSink()
    sink.start()
    yield sink
    sink.stop()


@pytest.fixture(params=["sqlite", "postgres"])
async def databases(request: pytest.FixtureRequest,
                    tmp_path: Path) -> AsyncIterator[SqliteDatabases | PostgresDatabases]:
    if request.param == "sqlite":
        yield SqliteDatabases(tmp_path)
        return
    if not POSTGRES_URL:
        pytest.skip("DISTRICTE_TEST_POSTGRES_URL is not set (CI sets it)")
    databases = PostgresDatabases(POSTGRES_URL)
    yield databases
    await databases.drop_all()


@pytest.fixture
async def district(nats_server: NatsServer, databases: SqliteDatabases | PostgresDatabases,
                   smtp: SmtpSink, tmp_path: Path) -> AsyncIterator[District]:
    await databases.ensure(*SERVICES)
    harness = District(nats_server, databases, smtp, tmp_path)
    yield harness
    await harness.close()
    for service in harness.processes:
        print(f"--- {service} log (tail) ---\n{harness.log(service)}")
