"""Notifications writes to a company's contact person when census asks it to (a review link), in the
language staff chose, and erases all it sent them when census says they exercised their right."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from functools import partial

from sqlalchemy import select

from services.notifications.adapters.erasure_repository import ERASED
from services.notifications.adapters.tables import contactes_cens, notificacions
from services.notifications.service_layer.company_people import CompanyPeople
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from shared.contracts import ContacteSuprimit, RevisioSollicitada, new_event
from shared.contracts.notifications_api import Preferencies
from tests.support.notifying import PUBLIC_URL, new_notifier

Uow = partial[NotificationsUnitOfWork]
ADDRESS = "martina.quintana@tallersegara.example"
PEOPLE = CompanyPeople(new_notifier(), PUBLIC_URL)


def review(contacte_id: uuid.UUID, idioma: str = "ca") -> RevisioSollicitada:
    return RevisioSollicitada(empresa_id=uuid.uuid4(), rao_social="Tallers Egara SL", contacte_id=contacte_id,
                              nom="Martina Quintana", email=ADDRESS, idioma=idioma, token="T0K",  # type: ignore[arg-type]
                              caduca_el=datetime.now(UTC) + timedelta(days=30))


async def handle(uow: Uow, data: RevisioSollicitada | ContacteSuprimit) -> None:
    async with uow() as tx:
        for route in PEOPLE.routes():
            if isinstance(data, route.model):
                await route.handler(new_event(data), tx)
        await tx.commit()


async def rows(uow: Uow) -> list[dict]:
    async with uow(readonly=True) as tx:
        return [dict(r._mapping) for r in await tx.connection.execute(select(notificacions))]


async def test_the_review_link_reaches_the_contact_in_the_language_staff_chose(notifications_uow: Uow) -> None:
    await handle(notifications_uow, review(uuid.uuid4(), idioma="en"))
    [mail] = await rows(notifications_uow)
    assert (mail["destinatari"], mail["canal"], mail["idioma"]) == (ADDRESS, "email", "en")
    assert mail["assumpte"] == "Please review the record of Tallers Egara SL in the industrial district's census"
    assert f"{PUBLIC_URL}/autoservei/T0K" in mail["cos_text"]


async def test_an_erased_contact_leaves_nothing_behind_and_is_sent_nothing_more(notifications_uow: Uow) -> None:
    contacte_id = uuid.uuid4()
    await handle(notifications_uow, review(contacte_id))  # sent...
    async with notifications_uow() as tx:  # ...she chose her preferences...
        await tx.preferencies.save(ADDRESS, "empresa", Preferencies(tipus=["revisio_empresa"], canals=["email"]),
                                   datetime.now(UTC))
        await tx.connection.execute(notificacions.update().values(estat="enviada"))
        await tx.commit()
    await handle(notifications_uow, review(contacte_id))  # ...and a second one still waits

    await handle(notifications_uow, ContacteSuprimit(contacte_id=contacte_id, empresa_id=uuid.uuid4(),
                                                     suprimit_el=datetime.now(UTC)))

    erased = await rows(notifications_uow)
    assert len(erased) == 2  # the log keeps that they existed
    assert {r["destinatari"] for r in erased} == {f"suprimit:{contacte_id}"}
    assert all(r["cos_text"] == r["cos_html"] == r["assumpte"] == "" and r["enllac_baixa"] is None for r in erased)
    assert sorted(r["estat"] for r in erased) == ["enviada", "fallida"]
    assert [r["darrer_error"] for r in erased if r["estat"] == "fallida"] == [ERASED]
    async with notifications_uow(readonly=True) as tx:
        assert await tx.preferencies.get(ADDRESS) is None
        assert (await tx.connection.execute(select(contactes_cens))).all() == []


async def test_erasing_someone_never_written_to_changes_nothing(notifications_uow: Uow) -> None:
    await handle(notifications_uow, review(uuid.uuid4()))
    await handle(notifications_uow, ContacteSuprimit(contacte_id=uuid.uuid4(), empresa_id=uuid.uuid4(),
                                                     suprimit_el=datetime.now(UTC)))
    [kept] = await rows(notifications_uow)
    assert kept["destinatari"] == ADDRESS and kept["cos_text"]
