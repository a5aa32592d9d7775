"""Digests: everything held for a recipient who chose a daily or weekly summary, in one mail;
and the daily or weekly digest of leads a company chose for one request."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime

from services.notifications.domain.digests import digest_due
from services.notifications.service_layer.location_handlers import LocationNotifier, company
from services.notifications.service_layer.notify import Notifier
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from shared.contracts.notifications_api import Preferencies
from shared.persistence.timestamps import as_utc

DIGEST_FALLBACK = Preferencies(tipus=[], canals=["email"])


async def send_held_digests(uow_factory: Callable[..., NotificationsUnitOfWork], notifier: Notifier,
                            now: datetime) -> int:
    """Store one digest for each recipient whose held mail is due; how many."""
    sent = 0
    async with uow_factory() as uow:
        for destinatari in await uow.notificacions.digests_due(now):
            items = await uow.notificacions.take_held(destinatari, now)
            if not items:
                continue  # another replica took them
            # Held because the recipient chose a digest (so it is stored) or was sent many at once.
            chosen = await uow.preferencies.get_with_role(destinatari) or ("contacte", DIGEST_FALLBACK)
            # The same items make the same digest, whoever builds it.
            resum_id = uuid.uuid5(uuid.NAMESPACE_URL, f"resum:{destinatari}:{items[0]['notificacio_id']}")
            await uow.notificacions.grouped_in([item["notificacio_id"] for item in items], str(resum_id))
            await notifier.digest(uow, destinatari, items, chosen, resum_id, now)
            sent += 1
        await uow.commit()
    return sent


async def send_due_digests(uow_factory: Callable[..., NotificationsUnitOfWork], notifier: Notifier,
                           location: LocationNotifier, now: datetime) -> int:
    """Store the digests of leads whose time has come; how many."""
    sent = 0
    async with uow_factory() as uow:
        for demanda_id, oldest in await uow.location.demands_with_digest():
            found = await uow.location.demanda(demanda_id)
            if found is None:
                continue
            demanda, activa = found
            due = digest_due(as_utc(oldest), demanda.frequencia_alertes)
            if now < due:
                continue
            leads = await uow.location.take_digest(demanda_id)
            items = []
            for lead in leads:
                oferta = await uow.location.oferta(lead.oferta_id)
                if oferta is not None and oferta.estat == "disponible":
                    poligon = await uow.directory.poligon_nom(oferta.poligon_id) or oferta.poligon_id
                    items.append({"coincidencia": lead, "oferta": oferta, "poligon": poligon,
                                  "enllacos": location.answer_links(lead)})
            if activa and items:
                # One digest per demand and moment, whatever happens: re-running finds it stored.
                causa = uuid.uuid5(demanda_id, due.isoformat())
                await notifier.store(uow, "resum_coincidencies", [company(demanda)], causa, str(causa),
                                     items=items, frequencia=demanda.frequencia_alertes)
                sent += 1
        await uow.commit()
    return sent
