"""Alembic, run from code: each service migrates its own database before it starts.

Each service keeps its revisions under ``services/<name>/adapters/migrations``; its
``env.py`` is one call to :func:`run_env`.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic import command, context
from alembic.config import Config
from sqlalchemy import pool, text
from sqlalchemy.ext.asyncio import create_async_engine

MIGRATION_LOCK = 0x6469737472  # "distr": one key per database, each service has its own database


def alembic_config(url: str, script_location: Path) -> Config:
    config = Config()
    config.set_main_option("script_location", str(script_location))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, script_location: Path, revision: str = "head") -> None:
    command.upgrade(alembic_config(url, script_location), revision)


async def migrate(url: str, script_location: Path) -> None:
    """Upgrade to head from async code (Alembic's env runs its own event loop in a thread)."""
    await asyncio.to_thread(upgrade, url, script_location)


def _run_sync(connection) -> None:  # type: ignore[no-untyped-def]
    if connection.dialect.name == "postgresql":
        # Replicas starting together migrate one after the other: the lock lasts the transaction,
        # and the next one finds the schema at head.
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
    context.configure(connection=connection, target_metadata=None, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


async def _run_async(url: str) -> None:
    engine = create_async_engine(url, poolclass=pool.NullPool)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_run_sync)
            await connection.commit()
    finally:
        await engine.dispose()


def run_env() -> None:
    """Body of every service's ``env.py``."""
    url = context.config.get_main_option("sqlalchemy.url")
    if context.is_offline_mode():
        context.configure(url=url, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    asyncio.run(_run_async(url))
