"""Each recipient gets what they chose (or their role's default), on their channels, now or in
their digest; one click unsubscribes them; the portal's feed keeps read marks. Real databases."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from functools import partial

import pytest

from services.notifications.adapters.unsubscribe import ExpiredToken, InvalidToken, UnsubscribeSigner
from services.notifications.domain.digests import LOCAL
from services.notifications.service_layer.digests import send_held_digests
from services.notifications.service_layer.handlers import CensusNotifier
from services.notifications.service_layer.preferences import desar_preferencies, donar_de_baixa
from services.notifications.service_layer.queries import marcar_llegida
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from shared.contracts import EmpresaDonadaDeBaixa, EmpresaRegistrada, new_event
from shared.contracts.notifications_api import DesarPreferencies, DonarDeBaixa, MarcarLlegida
from shared.errors import Invalid, NotFound
from tests.integration.conftest import JUNTA
from tests.support.notifying import PUBLIC_URL, SECRET, new_notifier

STAFF = "promocio@terrassa.example"
Uow = partial[NotificationsUnitOfWork]


@pytest.fixture
def uow(notifications_uow: Uow) -> Uow:
    return notifications_uow


CENSUS = CensusNotifier(new_notifier(), STAFF, PUBLIC_URL)


def arrival(poligon_id: str = "els-bellots"):  # type: ignore[no-untyped-def]
    return new_event(EmpresaRegistrada(empresa_id=uuid.uuid4(), nif="B64717838", rao_social="Metalls SL",
                                       cnae="2511", poligon_id=poligon_id))


async def handle(uow: Uow, event) -> None:  # type: ignore[no-untyped-def]
    async with uow() as tx:
        handler = CENSUS.on_empresa_registrada if isinstance(event.data, EmpresaRegistrada) \
            else CENSUS.on_empresa_donada_de_baixa
        await handler(event, tx)
        await tx.commit()


async def rows(uow: Uow, **filters: object) -> list[dict]:
    async with uow(readonly=True) as tx:
        found, _ = await tx.notificacions.search(filters, 0, 200)
    return sorted(found, key=lambda row: (row["creada_el"], row["canal"]))


async def choose(uow: Uow, destinatari: str = JUNTA, **chosen: object) -> None:
    values = {"tipus": ["empresa_registrada", "empresa_modificada", "empresa_baixa", "nau_disponible"],
              "canals": ["email", "app"]}
    await desar_preferencies(DesarPreferencies(destinatari=destinatari, rol="ens_gestor", **(values | chosen)), uow)


async def test_by_default_a_management_body_gets_mail_and_the_portal_feed_once(uow: Uow) -> None:
    event = arrival()
    await handle(uow, event)
    await handle(uow, event)  # redelivered

    email, app = sorted(await rows(uow, destinatari=JUNTA), key=lambda row: row["canal"] != "email")
    assert (email["canal"], email["estat"], email["tipus"]) == ("email", "pendent", "empresa_registrada")
    assert (app["canal"], app["estat"], app["llegida_el"]) == ("app", "enviada", None)
    assert app["enviada_el"] is not None and app["enllac_baixa"] is None
    assert email["enllac_baixa"].startswith(f"{PUBLIC_URL}/api/v1/baixa/")
    assert email["enllac_baixa"] in email["cos_text"]
    assert await rows(uow, destinatari=STAFF) == []  # the estate has its own management body


async def test_a_recipient_gets_only_the_kinds_estates_and_channels_they_chose(uow: Uow) -> None:
    await choose(uow, poligons=["can-petit"])
    await handle(uow, arrival("els-bellots"))
    assert await rows(uow, destinatari=JUNTA) == []  # not an estate they follow

    await choose(uow, canals=["app"])
    await handle(uow, arrival("els-bellots"))
    assert [row["canal"] for row in await rows(uow, destinatari=JUNTA)] == ["app"]

    await choose(uow, tipus=["nau_disponible"])
    await handle(uow, arrival("els-bellots"))
    assert len(await rows(uow, destinatari=JUNTA)) == 1  # nothing new


async def test_unknown_estates_in_the_preferences_are_refused_and_nothing_is_saved(uow: Uow) -> None:
    with pytest.raises(Invalid) as refused:
        await choose(uow, poligons=["els-bellots", "no-existeix"])
    assert refused.value.errors[0].camp == "poligons" and "no-existeix" in refused.value.errors[0].motiu
    async with uow(readonly=True) as tx:
        assert await tx.preferencies.get(JUNTA) is None


async def test_a_daily_digest_holds_mail_until_the_chosen_hour_then_sends_it_once_in_order(uow: Uow) -> None:
    await choose(uow, canals=["email"], frequencia="diaria", hora_resum=18)
    first, second = arrival(), new_event(EmpresaDonadaDeBaixa(
        empresa_id=uuid.uuid4(), poligon_id="els-bellots", nom="Filats SA", motiu="tancament",
        data_baixa=date(2026, 11, 27)))
    await handle(uow, first)
    await handle(uow, second)
    held = await rows(uow, destinatari=JUNTA)
    assert [row["estat"] for row in held] == ["en_resum", "en_resum"]
    due = held[0]["proper_intent_el"].replace(tzinfo=UTC)
    assert due.astimezone(LOCAL).hour == 18

    notifier = new_notifier()
    assert await send_held_digests(uow, notifier, due - timedelta(seconds=1)) == 0
    assert await send_held_digests(uow, notifier, due) == 1
    assert await send_held_digests(uow, notifier, due + timedelta(minutes=1)) == 0

    [digest] = await rows(uow, destinatari=JUNTA, tipus="resum")
    assert (digest["estat"], digest["canal"]) == ("pendent", "email")
    assert digest["assumpte"] == "Resum diari del Districte industrial: 2 avisos"
    text = digest["cos_text"]
    assert text.index("Nova empresa al polígon Els Bellots") < text.index("Una empresa ha deixat")
    items = [row for row in await rows(uow, destinatari=JUNTA) if row["tipus"] != "resum"]
    assert {(row["estat"], row["resum_id"]) for row in items} == {("agrupada", digest["notificacio_id"])}


async def test_one_click_unsubscribes_from_that_kind_and_a_forged_or_expired_link_changes_nothing(
        uow: Uow) -> None:
    await handle(uow, arrival())
    [email] = await rows(uow, destinatari=JUNTA, canal="email")
    token = email["enllac_baixa"].rsplit("/", 1)[1]
    signer = UnsubscribeSigner(SECRET)

    with pytest.raises(InvalidToken):
        await donar_de_baixa(DonarDeBaixa(token=token[:-2] + "xx"), signer, uow)
    with pytest.raises(InvalidToken):  # signed with another secret
        await donar_de_baixa(DonarDeBaixa(token=UnsubscribeSigner("x" * 40).sign(JUNTA, None, "ens_gestor")),
                             signer, uow)
    with pytest.raises(ExpiredToken):
        await donar_de_baixa(DonarDeBaixa(token=token), UnsubscribeSigner(SECRET, max_age_s=-1), uow)
    async with uow(readonly=True) as tx:
        assert await tx.preferencies.get(JUNTA) is None

    done = await donar_de_baixa(DonarDeBaixa(token=token), signer, uow)
    assert (done.destinatari, done.tipus) == (JUNTA, "empresa_registrada")
    await handle(uow, arrival())
    assert len(await rows(uow, destinatari=JUNTA)) == 2  # no more arrivals ...
    await handle(uow, new_event(EmpresaDonadaDeBaixa(
        empresa_id=uuid.uuid4(), poligon_id="els-bellots", motiu="altres", data_baixa=date(2026, 11, 27))))
    assert len(await rows(uow, destinatari=JUNTA)) == 4  # ... departures still

    await donar_de_baixa(DonarDeBaixa(token=token, tot=True), signer, uow)
    async with uow(readonly=True) as tx:
        assert (await tx.preferencies.get(JUNTA)).tipus == []


async def test_a_recipient_marks_their_own_feed_items_read_once(uow: Uow) -> None:
    await handle(uow, arrival())
    [app] = await rows(uow, destinatari=JUNTA, canal="app")
    [email] = await rows(uow, destinatari=JUNTA, canal="email")

    first = await marcar_llegida(MarcarLlegida(notificacio_id=app["notificacio_id"], destinatari=JUNTA), uow)
    again = await marcar_llegida(MarcarLlegida(notificacio_id=app["notificacio_id"], destinatari=JUNTA), uow)
    assert first.llegida_el is not None and again.llegida_el == first.llegida_el
    assert first.llegida_el <= datetime.now(UTC)
    assert [row["notificacio_id"] for row in await rows(uow, destinatari=JUNTA, llegida=False)] == [
        email["notificacio_id"]]

    for other, notificacio_id in ((STAFF, app["notificacio_id"]), (JUNTA, email["notificacio_id"])):
        with pytest.raises(NotFound):
            await marcar_llegida(MarcarLlegida(notificacio_id=notificacio_id, destinatari=other), uow)


async def test_each_recipient_reads_it_in_their_language(uow: Uow) -> None:
    await choose(uow, idioma="en")
    await handle(uow, arrival())
    [email, app] = sorted(await rows(uow, destinatari=JUNTA), key=lambda row: row["canal"] != "email")
    assert email["assumpte"] == app["assumpte"] == "New company in the Els Bellots estate: Metalls SL"
    assert "You receive this message because you are the management body of the Els Bellots estate." in email[
        "cos_text"]
    assert email["idioma"] == "en"  # the mail says so (Content-Language)


async def test_a_burst_beyond_the_hourly_limit_reaches_the_recipient_as_one_digest(uow: Uow) -> None:
    limited = CensusNotifier(new_notifier(mails_per_hour=3), STAFF, PUBLIC_URL)
    for _ in range(5):
        async with uow() as tx:
            await limited.on_empresa_registrada(arrival(), tx)
            await tx.commit()

    mails = await rows(uow, destinatari=JUNTA, canal="email")
    assert sorted(row["estat"] for row in mails) == ["en_resum"] * 2 + ["pendent"] * 3
    assert len(await rows(uow, destinatari=JUNTA, canal="app")) == 5  # the feed is not limited
    next_hour = max(row["proper_intent_el"] for row in mails).replace(tzinfo=UTC)
    assert (next_hour.minute, next_hour.second) == (0, 0) and next_hour - datetime.now(UTC) <= timedelta(hours=1)

    assert await send_held_digests(uow, new_notifier(), next_hour) == 1
    [digest] = await rows(uow, destinatari=JUNTA, tipus="resum")
    assert digest["assumpte"] == "Resum del Districte industrial: 2 avisos"
    assert "us n'arribaven molts alhora" in digest["cos_text"]
