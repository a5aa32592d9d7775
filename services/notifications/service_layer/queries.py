"""Notifications read side for the portal."""

from __future__ import annotations

from collections.abc import Callable

from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from shared.contracts.api import Pagina
from shared.contracts.notifications_api import LlistarNotificacions, NotificacioView
from shared.persistence.timestamps import as_utc


async def llistar_notificacions(query: LlistarNotificacions,
                                uow_factory: Callable[..., NotificationsUnitOfWork]) -> Pagina[NotificacioView]:
    async with uow_factory(readonly=True) as uow:
        rows, total = await uow.notificacions.search(
            query.destinatari, offset=(query.pagina - 1) * query.mida, limit=query.mida)
    items = [NotificacioView.model_validate(dict(
        row, creada_el=as_utc(row["creada_el"]), enviada_el=as_utc(row["enviada_el"]))) for row in rows]
    return Pagina[NotificacioView](items=items, total=total, pagina=query.pagina, mida=query.mida)
