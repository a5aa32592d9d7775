"""A notifications database from before preferences and webhooks upgrades in place: what it held
stays listed and deliverable."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime

from sqlalchemy import column, insert, table, text

from services.notifications.bootstrap import MIGRATIONS
from services.notifications.service_layer.queries import llistar_notificacions
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from shared.contracts.notifications_api import LlistarNotificacions
from shared.persistence.database import Database
from shared.persistence.migrations import upgrade
from tests.support.notifying import SECRETS


async def test_notifications_stored_by_revision_0002_survive_the_upgrade(databases) -> None:  # type: ignore[no-untyped-def]
    await databases.ensure("notifications")
    url = databases.url("notifications")
    await asyncio.to_thread(upgrade, url, MIGRATIONS, "0002")
    database = Database(url)
    try:
        now = datetime.now(UTC)
        async with database.writing() as connection:
            old = (await connection.execute(text("SELECT * FROM notificacions LIMIT 0"))).keys()
            assert "tipus" not in old  # the shape revision 0002 had
            await connection.execute(insert(table("notificacions", *(column(name) for name in old))).values(
                notificacio_id=str(uuid.uuid4()), destinatari="junta@bellots.example", canal="email",
                assumpte="Nova empresa", cos_text="Text", cos_html="<p>Text</p>", causa=str(uuid.uuid4()),
                correlacio="c", estat="pendent", intents=0, proper_intent_el=now, creada_el=now))
        await asyncio.to_thread(upgrade, url, MIGRATIONS)

        page = await llistar_notificacions(LlistarNotificacions(), lambda **kw: NotificationsUnitOfWork(database, SECRETS, **kw))
        [kept] = page.items
        assert (kept.tipus, kept.estat, kept.llegida_el) == ("desconegut", "pendent", None)
        async with NotificationsUnitOfWork(database, SECRETS, readonly=True) as uow:
            assert await uow.notificacions.claim_due(datetime.now(UTC), None, 10)  # still goes out
    finally:
        await database.dispose()
