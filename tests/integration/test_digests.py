"""Leads for companies that chose a daily or weekly digest wait, then go out together, once."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from services.notifications.bootstrap import MIGRATIONS
from services.notifications.service_layer.digests import send_due_digests
from services.notifications.service_layer.location_handlers import LocationNotifier
from shared.contracts import CoincidenciaTrobada, new_event
from shared.persistence.database import Database
from shared.persistence.migrations import migrate
from tests.support.notifying import new_notifier, unit_of_work_factory
from tests.support.samples import DEMANDA, OFERTA

COMPANY = str(DEMANDA.empresa.email)


async def test_a_daily_digest_gathers_the_leads_and_is_sent_once(databases) -> None:  # type: ignore[no-untyped-def]
    await databases.ensure("notifications")
    url = databases.url("notifications")
    await migrate(url, MIGRATIONS)
    database = Database(url)
    uow = unit_of_work_factory(database)
    notifier = new_notifier()
    location = LocationNotifier(notifier, "staff@terrassa.example", "https://districte.example")
    daily = DEMANDA.model_copy(update={"frequencia_alertes": "diaria"})
    second = OFERTA.model_copy(update={"oferta_id": uuid.uuid4(), "superficie_m2": 2600})
    async with uow() as tx:
        await tx.location.save_demanda(daily)
        for oferta in (OFERTA, second):
            await tx.location.save_oferta(oferta)
            lead = CoincidenciaTrobada(coincidencia_id=uuid.uuid4(), demanda_id=daily.demanda_id,
                                       oferta_id=oferta.oferta_id, puntuacio=0.7, motius=["encaixa"], versio=1)
            await location.on_coincidencia_trobada(new_event(lead), tx)
        await tx.commit()

    async def mails() -> list[dict]:
        async with uow(readonly=True) as tx:
            rows, _ = await tx.notificacions.search({"destinatari": COMPANY}, 0, 10)
            return rows

    assert await mails() == []  # held for the digest
    now = datetime.now(UTC)
    assert await send_due_digests(uow, notifier, location, now) == 0  # not 8:00 yet
    tomorrow = now + timedelta(days=1, hours=1)
    assert await send_due_digests(uow, notifier, location, tomorrow) == 1
    assert await send_due_digests(uow, notifier, location, tomorrow) == 0
    [digest] = await mails()
    assert digest["assumpte"] == "2 ofertes encaixen amb el que busqueu (resum diari)"
    assert "2.600 m²" in digest["cos_text"] and "2.400 m²" in digest["cos_text"]
    await database.dispose()
