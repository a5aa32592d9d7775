"""Old mail bodies are forgotten after the retention; staff hear of waiting dead letters once a day."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from functools import partial

from services.notifications.domain.model import Notificacio
from services.notifications.service_layer.housekeeping import forget_old_bodies, remind_dead_letters
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from tests.support.notifying import PUBLIC_URL, new_notifier

Uow = partial[NotificationsUnitOfWork]
STAFF = "promocio@terrassa.example"


async def _store(uow: Uow, destinatari: str, estat: str, age: timedelta) -> None:
    created = datetime.now(UTC) - age
    async with uow() as tx:
        await tx.notificacions.add(Notificacio(
            notificacio_id=uuid.uuid4(), tipus="interes_expressat", destinatari=destinatari, canal="email",
            assumpte="Una empresa s'interessa", cos_text="Telèfon: +34 937 000 001", cos_html="<p>+34 937 000 001</p>",
            causa=uuid.uuid4(), correlacio="c", creada_el=created, estat=estat, proper_intent_el=created,
            dades={"telefon": "+34 937 000 001"}))
        await tx.commit()


async def test_bodies_older_than_the_retention_are_forgotten_and_the_log_stays(notifications_uow: Uow) -> None:
    await _store(notifications_uow, "vella@x.example", "enviada", timedelta(days=181))
    await _store(notifications_uow, "pendent@x.example", "pendent", timedelta(days=181))
    await _store(notifications_uow, "nova@x.example", "enviada", timedelta(days=179))

    assert await forget_old_bodies(notifications_uow, datetime.now(UTC), timedelta(days=180), batch=1) == 1
    async with notifications_uow(readonly=True) as tx:
        rows = {row["destinatari"]: row for row in (await tx.notificacions.search({}, 0, 10))[0]}
    old = rows["vella@x.example"]
    assert (old["cos_text"], old["cos_html"], old["dades"]) == ("", "", None)
    assert (old["assumpte"], old["estat"]) == ("Una empresa s'interessa", "enviada")  # the log stays
    assert rows["pendent@x.example"]["cos_text"] and rows["nova@x.example"]["cos_text"]
    assert await forget_old_bodies(notifications_uow, datetime.now(UTC), timedelta(days=180)) == 0


async def test_staff_hear_of_waiting_dead_letters_once_a_day(notifications_uow: Uow) -> None:
    notifier, now = new_notifier(), datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
    waiting = {"notifications": 1, "census": 2, "location": 0}

    assert not await remind_dead_letters(notifications_uow, notifier, STAFF, PUBLIC_URL, {"census": 0}, now)
    assert await remind_dead_letters(notifications_uow, notifier, STAFF, PUBLIC_URL, waiting, now)
    await remind_dead_letters(notifications_uow, notifier, STAFF, PUBLIC_URL, waiting, now + timedelta(hours=5))
    await remind_dead_letters(notifications_uow, notifier, STAFF, PUBLIC_URL, waiting, now + timedelta(days=1))

    async with notifications_uow(readonly=True) as tx:
        mails, _ = await tx.notificacions.search({"destinatari": STAFF, "canal": "email"}, 0, 10)
    assert len(mails) == 2  # today's and tomorrow's
    assert mails[0]["assumpte"] == "3 missatges morts esperen que els reviseu"
    assert "census: 2" in mails[0]["cos_text"] and f"{PUBLIC_URL}/api/v1/admin/dead-letters" in mails[0]["cos_text"]
