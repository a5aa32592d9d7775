"""Notifications read side for the portal: feeds and the delivery log."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from shared.contracts.api import Pagina
from shared.contracts.notifications_api import LlistarNotificacions, MarcarLlegida, NotificacioView
from shared.errors import NotFound
from shared.persistence.timestamps import as_utc


async def llistar_notificacions(query: LlistarNotificacions,
                                uow_factory: Callable[..., NotificationsUnitOfWork]) -> Pagina[NotificacioView]:
    filters = query.model_dump(include={"destinatari", "canal", "tipus", "estat", "llegida"})
    if filters["destinatari"]:
        filters["destinatari"] = filters["destinatari"].lower()
    async with uow_factory(readonly=True) as uow:
        rows, total = await uow.notificacions.search(
            filters, offset=(query.pagina - 1) * query.mida, limit=query.mida)
    return Pagina[NotificacioView](items=[_view(row) for row in rows], total=total, pagina=query.pagina,
                                   mida=query.mida)


async def marcar_llegida(command: MarcarLlegida,
                         uow_factory: Callable[..., NotificationsUnitOfWork]) -> NotificacioView:
    async with uow_factory() as uow:
        row = await uow.notificacions.mark_read(str(command.notificacio_id), str(command.destinatari).lower(),
                                                datetime.now(UTC))
        if row is None:
            raise NotFound("No teniu cap notificació del portal amb aquest identificador.")
        await uow.commit()
    return _view(row)


def _view(row: dict[str, Any]) -> NotificacioView:
    return NotificacioView.model_validate(dict(
        row, creada_el=as_utc(row["creada_el"]), enviada_el=as_utc(row["enviada_el"]),
        llegida_el=as_utc(row["llegida_el"])))
