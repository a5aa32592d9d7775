"""The SQLite write turn: writers of one process queue instead of polling SQLite's file lock,
a failed writer gives its turn up, readers never wait for it."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import text

from shared.persistence.database import Database


@pytest.fixture
async def database(tmp_path: Path):  # type: ignore[no-untyped-def]
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'turns.db'}")
    async with db.writing() as connection:
        await connection.execute(text("CREATE TABLE t (n INTEGER PRIMARY KEY)"))
    yield db
    await db.dispose()


async def _count(database: Database) -> int:
    async with database.reading() as connection:
        return (await connection.execute(text("SELECT count(*) FROM t"))).scalar_one()


async def test_writers_take_turns_and_all_commit(database: Database) -> None:
    inside, most_inside = 0, 0

    async def write(n: int) -> None:
        nonlocal inside, most_inside
        async with database.writing() as connection:
            inside += 1
            most_inside = max(most_inside, inside)
            await connection.execute(text("INSERT INTO t (n) VALUES (:n)"), {"n": n})
            await asyncio.sleep(0.001)  # other writers are scheduled meanwhile
            inside -= 1

    await asyncio.wait_for(asyncio.gather(*(write(n) for n in range(50))), timeout=10)

    assert most_inside == 1
    assert await _count(database) == 50


async def test_a_failed_writer_rolls_back_and_gives_up_its_turn(database: Database) -> None:
    with pytest.raises(RuntimeError):
        async with database.writing() as connection:
            await connection.execute(text("INSERT INTO t (n) VALUES (1)"))
            raise RuntimeError("refused halfway")

    async with asyncio.timeout(2):
        async with database.writing() as connection:
            await connection.execute(text("INSERT INTO t (n) VALUES (2)"))
    async with database.reading() as connection:
        assert (await connection.execute(text("SELECT n FROM t"))).scalars().all() == [2]


async def test_readers_do_not_wait_for_a_writer(database: Database) -> None:
    holding, release = asyncio.Event(), asyncio.Event()

    async def slow_writer() -> None:
        async with database.writing() as connection:
            await connection.execute(text("INSERT INTO t (n) VALUES (7)"))
            holding.set()
            await release.wait()

    writer = asyncio.create_task(slow_writer())
    await holding.wait()
    async with asyncio.timeout(2):
        assert await _count(database) == 0  # the uncommitted row is not seen, and no wait
    release.set()
    await writer
    assert await _count(database) == 1
