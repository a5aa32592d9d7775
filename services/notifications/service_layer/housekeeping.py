"""Periodic duties: forget old mail bodies and mail counts; remind staff of messages no service
could handle."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta

from services.notifications.domain.digests import LOCAL
from services.notifications.service_layer.notify import Notifier, staff_recipients
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork

UowFactory = Callable[..., NotificationsUnitOfWork]


async def forget_old_bodies(uow_factory: UowFactory, now: datetime, retention: timedelta,
                            batch: int = 1000) -> int:
    """Blank what notifications said once they are older than the retention (personal data
    is kept no longer than needed); in batches, so no transaction grows large. How many."""
    total = 0
    while True:
        async with uow_factory() as uow:
            forgotten = await uow.notificacions.forget_bodies(now - retention, batch)
            await uow.commit()
        total += forgotten
        if forgotten < batch:
            return total


async def forget_old_pace(uow_factory: UowFactory, now: datetime) -> None:
    """The per-hour mail counts are needed only for the hour they count."""
    async with uow_factory() as uow:
        await uow.ritme.forget_before(now - timedelta(days=1))
        await uow.commit()


async def reseal_webhook_secrets(uow_factory: UowFactory) -> int:
    """After a key rotation (or an upgrade from clear secrets), seal every secret with the newest key."""
    async with uow_factory() as uow:
        resealed = await uow.webhooks.reseal_secrets()
        await uow.commit()
    return resealed


async def remind_dead_letters(uow_factory: UowFactory, notifier: Notifier, staff_email: str, public_url: str,
                              waiting: Mapping[str, int], now: datetime) -> bool:
    """Tell staff, at most once a day, how many messages wait in each service's dead letters."""
    if not sum(waiting.values()):
        return False
    # One reminder per local day, whatever the replicas or how often this runs.
    causa = uuid.uuid5(uuid.NAMESPACE_URL, f"districte:missatges-morts:{now.astimezone(LOCAL).date()}")
    async with uow_factory() as uow:
        team = await staff_recipients(uow, staff_email, "missatges_morts")
        await notifier.store(uow, "missatges_morts", team, causa, str(causa),
                             serveis=dict(sorted(waiting.items())), total=sum(waiting.values()),
                             enllac=f"{public_url.rstrip('/')}/api/v1/admin/dead-letters")
        await uow.commit()
    return True
