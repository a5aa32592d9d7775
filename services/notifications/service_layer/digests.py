"""Daily and weekly digests of leads, for companies that asked for them instead of a mail
per lead. A digest lists the leads still on the market, best first."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime

from services.notifications.adapters.templates import Renderer
from services.notifications.domain.digests import digest_due
from services.notifications.service_layer.location_handlers import LocationNotifier, company
from services.notifications.service_layer.notify import store
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from shared.persistence.timestamps import as_utc


async def send_due_digests(uow_factory: Callable[..., NotificationsUnitOfWork], renderer: Renderer,
                           notifier: LocationNotifier, now: datetime) -> int:
    """Store the digests whose time has come; how many."""
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
                                  "enllacos": notifier.answer_links(lead)})
            if activa and items:
                # One digest per demand and moment, whatever happens: re-running finds it stored.
                causa = uuid.uuid5(demanda_id, due.isoformat())
                await store(uow, renderer, "resum_coincidencies", [company(demanda)], causa, str(causa),
                            items=items, frequencia=demanda.frequencia_alertes)
                sent += 1
        await uow.commit()
    return sent
