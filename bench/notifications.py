"""Notifications benchmark, on the service's own code and an SQLite database:

- fan-out: one event to 1,000 recipients (preferences read, mail and feed item rendered and
  stored for each);
- 10,000 queued mails through a local SMTP server (in its own process, counting only): the
  dispatcher with its reused connections, and a one-connection-per-mail baseline in the same
  run, as mails/s and their ratio;
- digests: 1,000 recipients with 50 held items each, gathered into 1,000 digests.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

from districte.nats_server import free_port
from services.notifications.adapters.mail import MailTransport, Send, SmtpTransport
from services.notifications.adapters.mime import OutgoingMail
from services.notifications.adapters.tables import notificacions
from services.notifications.bootstrap import MIGRATIONS
from services.notifications.domain.model import Destinatari, Notificacio
from services.notifications.service_layer.digests import send_held_digests
from services.notifications.service_layer.dispatcher import Dispatcher, ReusedSession
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from shared.contracts import EmpresaRegistrada, new_event
from shared.contracts.notifications_api import Preferencies
from shared.observability.logging import configure_logging
from shared.persistence.database import Database
from shared.persistence.migrations import migrate
from tests.support.notifying import new_notifier, unit_of_work_factory

SENDER = "Districte industrial de Terrassa <no-reply@districte.terrassa.example>"
SINK = """
import asyncio, sys
from aiosmtpd.controller import Controller
class Count:
    async def handle_DATA(self, server, session, envelope):
        return "250 OK"
controller = Controller(Count(), hostname="127.0.0.1", port=int(sys.argv[1]))
controller.start()
sys.stdout.write("ready\\n"); sys.stdout.flush()
sys.stdin.read()
"""


class OneConnectionPerMail:
    """The baseline: a fresh SMTP connection (greeting, EHLO, QUIT) for every mail."""

    def __init__(self, url: str) -> None:
        self._smtp = SmtpTransport(url)

    @asynccontextmanager
    async def session(self) -> AsyncIterator[Send]:
        async def send(mail: OutgoingMail) -> None:
            async with self._smtp.session() as single:
                await single(mail)

        yield send


@asynccontextmanager
async def smtp_sink() -> AsyncIterator[str]:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-c", SINK, str(port)], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    try:
        yield f"smtp://127.0.0.1:{port}"
    finally:
        process.communicate(input="", timeout=10)


async def notifications_benchmark(directory: Path, recipients: int = 1000, mails: int = 10_000,
                                  digest_items: int = 50) -> dict:
    configure_logging("bench", fmt="json", level="warning")  # a log line per mail would be measured too
    url = f"sqlite+aiosqlite:///{directory / 'notifications-bench.db'}"
    await migrate(url, MIGRATIONS)
    database = Database(url)
    uow = unit_of_work_factory(database)
    notifier = new_notifier(mails_per_hour=10_000_000)
    try:
        fan_out = await _fan_out(uow, notifier, recipients)
        async with smtp_sink() as smtp_url:
            reused = await _drain(uow, SmtpTransport(smtp_url), mails, database)
            baseline = await _drain(uow, OneConnectionPerMail(smtp_url), mails, database)
        digests = await _digests(uow, notifier, recipients, digest_items)
    finally:
        await database.dispose()
    return {"fan_out": fan_out,
            "mails": {"count": mails, "reused_connections_per_s": reused, "one_connection_per_mail_per_s": baseline,
                      "ratio": round(reused / baseline, 2)},
            "digests": digests}


async def _fan_out(uow: partial[NotificationsUnitOfWork], notifier, recipients: int) -> dict:  # type: ignore[no-untyped-def]
    bodies = [Destinatari(f"Junta {n}", f"junta{n}@bench.example", "ens_gestor", "ens_gestor")
              for n in range(recipients)]
    event = new_event(EmpresaRegistrada(empresa_id=uuid.uuid4(), nif="B64717838", rao_social="Metalls SL",
                                        cnae="2511", poligon_id="els-bellots"))
    started = time.perf_counter()
    async with uow() as tx:
        await notifier.notify(tx, "empresa_registrada", bodies, event, poligon_id="els-bellots",
                              empresa=event.data, poligon="Els Bellots")
        await tx.commit()
    seconds = time.perf_counter() - started
    return {"recipients": recipients, "seconds": round(seconds, 3), "recipients_per_s": round(recipients / seconds)}


async def _queue(uow: partial[NotificationsUnitOfWork], database: Database, count: int) -> None:
    """``count`` pending mails (the earlier ones are cleared away first)."""
    async with database.writing() as connection:
        await connection.execute(notificacions.delete())
    now = datetime.now(UTC)
    text = "Benvolguda junta,\n\nS'ha registrat una nova empresa al polígon Els Bellots.\n" * 8
    async with uow() as tx:
        for n in range(count):
            await tx.notificacions.add(Notificacio(
                notificacio_id=uuid.uuid4(), tipus="empresa_registrada", destinatari=f"junta{n}@bench.example",
                canal="email", assumpte=f"Nova empresa al polígon Els Bellots: Empresa {n} SL", cos_text=text,
                cos_html=f"<p>{text}</p>", causa=uuid.uuid4(), correlacio="bench", creada_el=now, estat="pendent",
                proper_intent_el=now, enllac_baixa="https://districte.example/api/v1/baixa/T"))
        await tx.commit()


async def _drain(uow: partial[NotificationsUnitOfWork], transport: MailTransport, count: int,
                 database: Database) -> float:
    """Mails per second the dispatcher sends ``count`` queued mails at, over ``transport``."""
    await _queue(uow, database, count)
    dispatcher = Dispatcher(uow, transport, SENDER, asyncio.Event(), batch_size=200)
    sessions = [ReusedSession(transport) for _ in range(4)]
    started = time.perf_counter()
    sent = 0
    while handled := await dispatcher.deliver_due(sessions):
        sent += handled
    seconds = time.perf_counter() - started
    await asyncio.gather(*(session.close() for session in sessions))
    assert sent == count, (sent, count)
    return round(count / seconds)


async def _digests(uow: partial[NotificationsUnitOfWork], notifier, recipients: int, items: int) -> dict:  # type: ignore[no-untyped-def]
    past = datetime.now(UTC) - timedelta(days=1)
    async with uow() as tx:
        await tx.connection.execute(notificacions.delete())
        daily = Preferencies(tipus=["empresa_registrada"], canals=["email"], frequencia="diaria")
        for n in range(recipients):
            await tx.preferencies.save(f"junta{n}@bench.example", "ens_gestor", daily, past)
            for item in range(items):
                await tx.notificacions.add(Notificacio(
                    notificacio_id=uuid.uuid4(), tipus="empresa_registrada", destinatari=f"junta{n}@bench.example",
                    canal="email", assumpte=f"Nova empresa al polígon Els Bellots: Empresa {item} SL",
                    cos_text="Raó social: Empresa SL\nActivitat (CNAE-2009): 2511\n", cos_html="<p>…</p>",
                    causa=uuid.uuid4(), correlacio="bench", creada_el=past + timedelta(seconds=item),
                    estat="en_resum", proper_intent_el=past))
        await tx.commit()
    started = time.perf_counter()
    built = await send_held_digests(uow, notifier, datetime.now(UTC))
    seconds = time.perf_counter() - started
    assert built == recipients, built
    return {"recipients": recipients, "items_each": items, "seconds": round(seconds, 2),
            "digests_per_s": round(recipients / seconds)}

