"""The dispatcher against a real SMTP server and real databases: several sessions at once,
a refused mailbox, a server that is away."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, update

from services.notifications.adapters.mail import SmtpTransport
from services.notifications.adapters.tables import notificacions
from services.notifications.bootstrap import MIGRATIONS
from services.notifications.domain.model import Notificacio
from services.notifications.service_layer.dispatcher import Dispatcher, ReusedSession
from shared.persistence.database import Database
from shared.persistence.messaging_tables import outbox
from shared.persistence.migrations import migrate
from tests.support.notifying import unit_of_work_factory
from tests.support.smtp import SmtpSink

SENDER = "Districte <avisos@districte.example>"
REFUSED = "desconeguda@bellots.example"


async def _setup(databases, smtp: SmtpSink, recipients: list[str]):  # type: ignore[no-untyped-def]
    await databases.ensure("notifications")
    url = databases.url("notifications")
    await migrate(url, MIGRATIONS)
    database = Database(url)
    uow = unit_of_work_factory(database)
    async with uow() as tx:
        for n, recipient in enumerate(recipients):
            now = datetime.now(UTC)
            await tx.notificacions.add(Notificacio(
                notificacio_id=uuid.uuid4(), tipus="nau_disponible", destinatari=recipient, canal="email",
                assumpte=f"Avís {n}", cos_text=f"Text {n}", cos_html=f"<p>{n}</p>", causa=uuid.uuid4(),
                correlacio=f"corr-{n}", creada_el=now, estat="pendent", proper_intent_el=now,
                enllac_baixa=f"https://districte.example/api/v1/baixa/T{n}"))
        await tx.commit()
    dispatcher = Dispatcher(uow, SmtpTransport(smtp.url), SENDER, asyncio.Event(), connections=4)
    sessions = [ReusedSession(SmtpTransport(smtp.url)) for _ in range(4)]
    return database, dispatcher, sessions


async def _states(database: Database) -> dict[str, str]:
    async with database.reading() as connection:
        rows = await connection.execute(select(notificacions.c.destinatari, notificacions.c.estat))
        return {row.destinatari: row.estat for row in rows}


async def _events(database: Database, name: str = "NotificacioEnviada") -> int:
    async with database.reading() as connection:
        return (await connection.execute(select(func.count()).select_from(outbox).where(
            outbox.c.subject == f"districte.notifications.{name}.v1"))).scalar_one()


async def test_sessions_in_parallel_send_each_mail_once_and_a_refused_mailbox_fails_for_good(
        databases, smtp: SmtpSink) -> None:  # type: ignore[no-untyped-def]
    recipients = [f"junta{n}@bellots.example" for n in range(11)] + [REFUSED]
    smtp.refused.add(REFUSED)
    database, dispatcher, sessions = await _setup(databases, smtp, recipients)

    handled = await dispatcher.deliver_due(sessions)
    await asyncio.gather(*(session.close() for session in sessions))

    assert handled == 12
    assert sorted(r for mail in smtp.inbox for r in mail.recipients) == sorted(recipients[:11])
    states = await _states(database)
    assert states.pop(REFUSED) == "fallida"
    assert set(states.values()) == {"enviada"}
    assert await _events(database) == 11  # NotificacioEnviada for each delivered mail only
    assert await _events(database, "NotificacioFallida") == 1  # and the refused one failed for good
    assert all(mail.message["List-Unsubscribe"].startswith("<https://districte.example/api/v1/baixa/T")
               and mail.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click" for mail in smtp.inbox)
    assert await dispatcher.deliver_due(sessions) == 0  # nothing is due any more
    await database.dispose()


async def test_mail_waits_while_the_server_is_away_and_goes_once_when_it_is_back(
        databases, smtp: SmtpSink) -> None:  # type: ignore[no-untyped-def]
    recipients = [f"junta{n}@bellots.example" for n in range(6)]
    database, dispatcher, sessions = await _setup(databases, smtp, recipients)
    smtp.stop()

    assert await dispatcher.deliver_due(sessions) == 6
    assert set((await _states(database)).values()) == {"pendent"}
    assert await _events(database) == 0
    assert await dispatcher.deliver_due(sessions) == 0  # retried later, not at once

    smtp.start()
    async with database.writing() as connection:  # the retry time has come
        await connection.execute(update(notificacions).values(
            proper_intent_el=datetime.now(UTC) - timedelta(seconds=1)))
    assert await dispatcher.deliver_due(sessions) == 6
    await asyncio.gather(*(session.close() for session in sessions))

    assert sorted(r for mail in smtp.inbox for r in mail.recipients) == sorted(recipients)
    assert set((await _states(database)).values()) == {"enviada"}
    assert await _events(database) == 6
    await database.dispose()


async def test_two_replicas_sending_at_once_send_each_mail_once(databases, smtp: SmtpSink) -> None:  # type: ignore[no-untyped-def]
    recipients = [f"junta{n}@bellots.example" for n in range(40)]
    database, _, sessions = await _setup(databases, smtp, recipients)
    first, second = (Dispatcher(unit_of_work_factory(database), SmtpTransport(smtp.url), SENDER,
                                asyncio.Event(), batch_size=7) for _ in range(2))
    other_sessions = [ReusedSession(SmtpTransport(smtp.url)) for _ in range(4)]

    async def drain(dispatcher: Dispatcher, own: list[ReusedSession]) -> int:
        total = 0
        while handled := await dispatcher.deliver_due(own):
            total += handled
        return total

    handled = await asyncio.gather(drain(first, sessions), drain(second, other_sessions))
    await asyncio.gather(*(session.close() for session in sessions + other_sessions))

    assert sum(handled) == 40 and all(handled), handled  # both worked, neither twice
    assert sorted(r for mail in smtp.inbox for r in mail.recipients) == sorted(recipients)
    assert await _events(database) == 40
    await database.dispose()
