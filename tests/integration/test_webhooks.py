"""Webhooks against a real HTTP receiver and real databases: signed CloudEvents, once; retries
with a growing delay; a webhook that keeps failing is disabled and its owner told; bad addresses
refused; secrets sealed at rest, resealed when the key rotates."""

from __future__ import annotations

import asyncio
import socket
import time
import uuid
from datetime import UTC, datetime, timedelta
from functools import partial

import pytest
from sqlalchemy import func, select, update

from services.notifications.adapters.secret_box import SecretBox, SecretUnreadable
from services.notifications.adapters.tables import lliuraments_webhook, notificacions, webhooks
from services.notifications.adapters.webhook_http import TargetRefused, WebhookClient
from services.notifications.domain.webhooks import signature
from services.notifications.service_layer.handlers import CensusNotifier
from services.notifications.service_layer.housekeeping import reseal_webhook_secrets
from services.notifications.service_layer.preferences import desar_preferencies
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from services.notifications.service_layer.webhook_dispatcher import WebhookDispatcher
from services.notifications.service_layer.webhooks import provar_webhook, registrar_webhook
from shared.contracts import EmpresaRegistrada, new_event
from shared.contracts.notifications_api import DesarPreferencies, RegistrarWebhook, WebhookRef
from shared.errors import Invalid
from shared.persistence.messaging_tables import outbox
from tests.integration.conftest import JUNTA
from tests.support.notifying import PUBLIC_URL, SECRET, new_notifier
from tests.support.webhook_receiver import WebhookReceiver, documented_verify

Uow = partial[NotificationsUnitOfWork]
NOTIFIER = new_notifier()


@pytest.fixture
def uow(notifications_uow: Uow) -> Uow:
    return notifications_uow


def loopback() -> WebhookClient:
    """A client allowed to reach the receiver on this machine (httpx clients belong to one loop)."""
    return WebhookClient(allow_private=True)


async def subscribe(uow: Uow, url: str, canals: tuple[str, ...] = ("webhook",)) -> dict:
    created = await registrar_webhook(RegistrarWebhook(propietari=JUNTA, rol="ens_gestor", url=url), loopback(), uow)
    await desar_preferencies(DesarPreferencies(destinatari=JUNTA, rol="ens_gestor", tipus=["empresa_registrada"],
                                               canals=list(canals)), uow)
    return created.model_dump(mode="json")


async def arrival(uow: Uow, event=None):  # type: ignore[no-untyped-def]
    event = event or new_event(EmpresaRegistrada(empresa_id=uuid.uuid4(), nif="B64717838", rao_social="Metalls SL",
                                                 cnae="2511", poligon_id="els-bellots"))
    async with uow() as tx:
        await CensusNotifier(NOTIFIER, "staff@terrassa.example", PUBLIC_URL).on_empresa_registrada(event, tx)
        await tx.commit()
    return event


async def scalar(uow: Uow, query):  # type: ignore[no-untyped-def]
    async with uow(readonly=True) as tx:
        return (await tx.connection.execute(query)).scalar_one()


def dispatcher(uow: Uow, **options) -> WebhookDispatcher:  # type: ignore[no-untyped-def]
    return WebhookDispatcher(uow, loopback(), NOTIFIER, asyncio.Event(), **options)


async def test_a_notification_reaches_the_webhook_once_as_a_signed_cloudevent(uow: Uow) -> None:
    async with WebhookReceiver() as receiver:
        webhook = await subscribe(uow, receiver.url)
        event = await arrival(uow)
        await arrival(uow, event)  # redelivered: nothing new to deliver

        assert await dispatcher(uow).deliver_due() == 1
        assert await dispatcher(uow).deliver_due() == 0

    [delivery] = receiver.received
    assert delivery.headers["content-type"] == "application/cloudevents+json"
    verify = documented_verify()
    assert verify(webhook["secret"], delivery.headers, delivery.body)
    assert not verify(webhook["secret"], delivery.headers, delivery.body.replace(b"Metalls", b"Metallz"))
    assert not verify("whsec_" + "A" * 43 + "=", delivery.headers, delivery.body)
    stale = dict(delivery.headers, **{"webhook-timestamp": str(int(time.time()) - 600)})
    stale["webhook-signature"] = signature(webhook["secret"], stale["webhook-id"], int(stale["webhook-timestamp"]),
                                           delivery.body)
    assert not verify(webhook["secret"], stale, delivery.body)  # a replay

    cloud = delivery.event
    assert (cloud["specversion"], cloud["type"]) == ("1.0", "districte.notifications.empresa_registrada.v1")
    assert cloud["correlationid"] == event.correlationid and cloud["causationid"] == str(event.id)
    assert cloud["data"]["dades"]["rao_social"] == "Metalls SL"
    assert cloud["data"]["assumpte"] == "Nova empresa al polígon Els Bellots: Metalls SL"
    assert await scalar(uow, select(notificacions.c.estat).where(notificacions.c.canal == "webhook")) == "enviada"
    assert await scalar(uow, select(func.count()).select_from(outbox)) == 1  # NotificacioEnviada


async def test_failures_are_retried_later_and_a_webhook_failing_in_a_row_is_disabled_and_its_owner_told(
        uow: Uow) -> None:
    async with WebhookReceiver(status=500) as receiver:
        webhook = await subscribe(uow, receiver.url, canals=("webhook", "email"))
        await arrival(uow)
        await arrival(uow)
        flaky = dispatcher(uow, max_failures=3, retry_base_s=30)

        assert await flaky.deliver_due() == 2
        assert await flaky.deliver_due() == 0  # not due yet: retried later, not at once
        waits = await _waits(uow)
        assert all(timedelta(seconds=25) < wait <= timedelta(seconds=30) for wait in waits), waits

        await _make_due(uow)
        assert await flaky.deliver_due() == 2  # the third failure in a row disables it
    assert len(receiver.received) == 4

    async with uow(readonly=True) as tx:
        [stored] = await tx.webhooks.list(JUNTA)
        rows = {(row["canal"], row["tipus"], row["estat"]) for row in
                (await tx.notificacions.search({"destinatari": JUNTA}, 0, 20))[0]}
    assert (stored["webhook_id"], stored["actiu"]) == (webhook["webhook_id"], False)
    assert "3 intents fallits seguits" in stored["motiu_desactivacio"]
    assert ("webhook", "empresa_registrada", "fallida") in rows
    assert ("email", "webhook_desactivat", "pendent") in rows  # the owner is told by mail
    events = await scalar(uow, select(func.count()).select_from(outbox).where(
        outbox.c.subject == "districte.notifications.NotificacioFallida.v1"))
    assert events == 2


async def test_the_delay_between_attempts_doubles_up_to_an_hour() -> None:
    from services.notifications.domain.webhooks import retry_delay

    assert [retry_delay(n, 30).total_seconds() for n in (1, 2, 3, 4, 8, 12)] == [30, 60, 120, 240, 3600, 3600]


@pytest.mark.parametrize(("url", "reason"), [
    ("ftp://bellots.example/avisos", "http:// o https://"),
    ("https://usuari:clau@bellots.example/avisos", "usuari ni contrasenya"),
    ("http://127.0.0.1:9/avisos", "xarxa privada o local"),
    ("http://10.1.2.3/avisos", "xarxa privada o local"),
    ("http://[::1]/avisos", "xarxa privada o local"),
    ("http://localhost/avisos", "xarxa privada o local"),
    ("https://no-existeix.invalid/avisos", "no es troba el servidor"),
])
async def test_bad_webhook_addresses_are_refused_and_nothing_is_stored(uow: Uow, url: str, reason: str) -> None:
    with pytest.raises(Invalid) as refused:
        await registrar_webhook(RegistrarWebhook(propietari=JUNTA, rol="ens_gestor", url=url),
                                WebhookClient(allow_private=False), uow)
    [error] = refused.value.errors
    assert error.camp == "url" and reason in error.motiu
    async with uow(readonly=True) as tx:
        assert await tx.webhooks.list(None) == []


async def test_a_test_delivery_says_what_the_receiver_answered(uow: Uow) -> None:
    async with WebhookReceiver() as receiver:
        webhook = await subscribe(uow, receiver.url)
        ref = WebhookRef(webhook_id=webhook["webhook_id"], propietari=JUNTA)
        ok = await provar_webhook(ref, loopback(), uow)
        receiver.status = 503
        refused = await provar_webhook(ref, loopback(), uow)
    assert (ok.lliurat, ok.codi_http) == (True, 200)
    assert (refused.lliurat, refused.codi_http) == (False, 503)
    assert documented_verify()(webhook["secret"], receiver.received[0].headers, receiver.received[0].body)
    assert receiver.received[0].event["type"] == "districte.notifications.prova.v1"


async def _waits(uow: Uow) -> list[timedelta]:
    async with uow(readonly=True) as tx:
        rows = (await tx.connection.execute(select(lliuraments_webhook.c.proper_intent_el))).scalars().all()
    now = datetime.now(UTC)
    return [row.replace(tzinfo=UTC) - now for row in rows]


async def _make_due(uow: Uow) -> None:
    async with uow() as tx:
        await tx.connection.execute(update(lliuraments_webhook).values(
            proper_intent_el=datetime.now(UTC) - timedelta(seconds=1)))
        await tx.commit()


async def test_two_replicas_delivering_at_once_deliver_each_once(uow: Uow) -> None:
    async with WebhookReceiver() as receiver:
        await subscribe(uow, receiver.url)
        for _ in range(12):
            await arrival(uow)

        async def drain(replica: WebhookDispatcher) -> int:
            total = 0
            while handled := await replica.deliver_due():
                total += handled
            return total

        handled = await asyncio.gather(drain(dispatcher(uow, batch_size=3)), drain(dispatcher(uow, batch_size=3)))
    assert sum(handled) == 12 and all(handled), handled
    assert len({delivery.headers["webhook-id"] for delivery in receiver.received}) == len(receiver.received) == 12


async def test_a_delivery_goes_to_the_address_that_was_checked_under_the_webhooks_own_host_name() -> None:
    if socket.getaddrinfo("localhost", 80, type=socket.SOCK_STREAM)[0][4][0] != "127.0.0.1":
        pytest.skip("localhost resolves to IPv6 first here; the receiver listens on 127.0.0.1")
    client = loopback()
    async with WebhookReceiver() as receiver:
        by_name = receiver.url.replace("127.0.0.1", "localhost")
        assert await client.post(by_name, b"{}", {"Content-Type": "application/json"}) == 200
    await client.close()
    [delivery] = receiver.received
    assert delivery.headers["host"] == f"localhost:{receiver.port}"  # the name travels; the checked IP is dialled
    refusing = WebhookClient(allow_private=False)
    with pytest.raises(TargetRefused):
        await refusing.post(by_name, b"{}", {})
    await refusing.close()


# -- secrets at rest ---------------------------------------------------------------------
NEW_KEY = "a-newer-key-for-the-webhook-secrets-0123456789"


async def stored_secret(uow: Uow) -> str:
    async with uow(readonly=True) as tx:
        return (await tx.connection.execute(select(webhooks.c.secret))).scalar_one()


def with_keys(uow: Uow, *keys: str) -> Uow:
    """The same database, seen by a service configured with these keys."""
    return partial(NotificationsUnitOfWork, uow.args[0], SecretBox(keys))


async def deliver(uow: Uow) -> int:
    return await WebhookDispatcher(uow, loopback(), NOTIFIER, asyncio.Event()).deliver_due()


async def test_the_database_holds_no_secret_in_clear_and_deliveries_verify(uow: Uow) -> None:
    async with WebhookReceiver() as receiver:
        webhook = await subscribe(uow, receiver.url)
        stored = await stored_secret(uow)
        assert webhook["secret"].startswith("whsec_") and webhook["secret"] not in stored
        assert not stored.startswith("whsec_")

        await arrival(uow)
        assert await deliver(uow) == 1
        [delivery] = receiver.received
        assert documented_verify()(webhook["secret"], delivery.headers, delivery.body)


async def test_a_rotated_key_reseals_old_and_clear_secrets_and_deliveries_still_verify(
        uow: Uow) -> None:
    async with WebhookReceiver() as receiver:
        webhook = await subscribe(uow, receiver.url)
        clear = (await registrar_webhook(RegistrarWebhook(propietari=JUNTA, rol="ens_gestor", url=receiver.url),
                                         loopback(), uow)).model_dump(mode="json")
        async with uow() as tx:  # as stored before secrets were sealed
            await tx.connection.execute(update(webhooks).where(webhooks.c.webhook_id == clear["webhook_id"])
                                        .values(secret=clear["secret"]))
            await tx.commit()

        rotated = with_keys(uow, NEW_KEY, SECRET)
        assert await reseal_webhook_secrets(rotated) == 2
        assert await reseal_webhook_secrets(rotated) == 0  # all sealed with the newest key now
        only_new = with_keys(uow, NEW_KEY)
        await arrival(only_new)
        assert await deliver(only_new) == 2
        secrets = {webhook["webhook_id"]: webhook["secret"], clear["webhook_id"]: clear["secret"]}
        for delivery in receiver.received:
            hook = next(h for h in secrets if documented_verify()(secrets[h], delivery.headers, delivery.body))
            secrets.pop(hook)
        assert secrets == {}  # each webhook got one delivery, signed with its own secret

        forgotten = with_keys(uow, "a-key-that-never-sealed-anything-0123")
        async with forgotten(readonly=True) as tx:
            try:
                await tx.webhooks.get(webhook["webhook_id"])
            except SecretUnreadable as exc:
                assert "cap clau configurada" in str(exc)
            else:
                raise AssertionError("a secret opened with a key that never sealed it")
