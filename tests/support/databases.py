"""One database per service per test: SQLite files, or fresh PostgreSQL databases."""

from __future__ import annotations

import uuid
from pathlib import Path

import asyncpg
from sqlalchemy.engine import make_url


class SqliteDatabases:
    backend = "sqlite"

    def __init__(self, directory: Path) -> None:
        self._directory = directory

    def url(self, service: str) -> str:
        return f"sqlite+aiosqlite:///{self._directory / f'{service}.db'}"

    async def ensure(self, *services: str) -> None:
        """A file is made when first opened."""

    async def drop_all(self) -> None:
        """Files go with the temporary directory."""


class PostgresDatabases:
    backend = "postgres"

    def __init__(self, admin_url: str) -> None:
        self._admin = make_url(admin_url)
        self._prefix = f"dt_{uuid.uuid4().hex[:10]}"
        self._created: list[str] = []

    def _dsn(self, database: str) -> str:
        return self._admin.set(drivername="postgresql", database=database).render_as_string(
            hide_password=False)

    async def ensure(self, *services: str) -> None:
        """Create the services' databases not made yet: only those a test uses (each costs a while)."""
        missing = [f"{self._prefix}_{service}" for service in services
                   if f"{self._prefix}_{service}" not in self._created]
        if not missing:
            return
        connection = await asyncpg.connect(self._dsn(self._admin.database or "postgres"))
        try:
            for name in missing:
                await connection.execute(f'CREATE DATABASE "{name}"')
                self._created.append(name)
        finally:
            await connection.close()

    def url(self, service: str) -> str:
        return self._admin.set(database=f"{self._prefix}_{service}").render_as_string(
            hide_password=False)

    async def drop_all(self) -> None:
        connection = await asyncpg.connect(self._dsn(self._admin.database or "postgres"))
        try:
            for name in self._created:
                await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await connection.close()
