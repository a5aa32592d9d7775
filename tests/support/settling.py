"""Knowing when the district has finished reacting, so "none twice" can be asserted."""

from __future__ import annotations

from tests.support.district import District
from tests.support.waiting import eventually


async def settled(district: District, consumer: str = "notifications-census") -> None:
    """Wait until the consumer has nothing pending or unacked and every notification is out."""

    async def quiet() -> bool:
        js = (await district.bus()).jetstream()
        info = await js.consumer_info("CENSUS", consumer)
        if info.num_pending or info.num_ack_pending:
            return False
        return all(n["estat"] == "enviada" for n in await district.notificacions())

    await eventually(quiet, timeout_s=60, interval_s=0.3, what="the district to settle")
