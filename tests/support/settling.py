"""Knowing when the district has finished reacting, so "none twice" can be asserted."""

from __future__ import annotations

from tests.support.district import District
from tests.support.waiting import eventually


async def settled(district: District, *consumers: tuple[str, str]) -> None:
    """Wait until the consumers (stream, durable) have nothing pending or unacked and every
    notification is out. Default: notifications' consumer of census events."""

    async def quiet() -> bool:
        js = (await district.bus()).jetstream()
        for stream, consumer in consumers or (("CENSUS", "notifications-census"),):
            info = await js.consumer_info(stream, consumer)
            if info.num_pending or info.num_ack_pending:
                return False
        return all(n["estat"] == "enviada" for n in await district.notificacions())

    await eventually(quiet, timeout_s=60, interval_s=0.3, what="the district to settle")
