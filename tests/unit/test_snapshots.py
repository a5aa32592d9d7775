"""Page snapshots: taken once however many ask at once, kept for their time, then taken again."""

from __future__ import annotations

import asyncio

from services.portal.service_layer.snapshots import Snapshots


async def test_a_snapshot_is_computed_once_for_concurrent_readers_and_again_when_old() -> None:
    computed = 0

    async def compute() -> int:
        nonlocal computed
        computed += 1
        await asyncio.sleep(0.05)
        return computed

    snapshots = Snapshots(ttl_s=0.2)
    assert await asyncio.gather(*(snapshots.get("x", compute) for _ in range(10))) == [1] * 10
    assert await snapshots.get("x", compute) == 1 and computed == 1
    assert await snapshots.get("y", compute) == 2  # each figure its own
    await asyncio.sleep(0.25)
    assert await snapshots.get("x", compute) == 3


async def test_without_a_lifetime_every_read_computes() -> None:
    calls = []

    async def compute() -> int:
        calls.append(1)
        return len(calls)

    snapshots = Snapshots(ttl_s=0)
    assert [await snapshots.get("x", compute) for _ in range(3)] == [1, 2, 3]
