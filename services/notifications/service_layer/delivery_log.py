"""A notification's outcome, recorded with the event that tells the district about it."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from shared.contracts import NotificacioEnviada, NotificacioFallida
from shared.contracts.envelope import new_event


def _fields(row: dict[str, Any]) -> dict[str, Any]:
    return {"notificacio_id": uuid.UUID(str(row["notificacio_id"])), "canal": row["canal"],
            "destinatari": row["destinatari"], "assumpte": row["assumpte"], "causa": uuid.UUID(str(row["causa"]))}


async def sent(uow: NotificationsUnitOfWork, row: dict[str, Any]) -> None:
    """Stage ``NotificacioEnviada`` for a notification just marked sent."""
    await uow.add_events(new_event(NotificacioEnviada(**_fields(row)), correlation_id=row["correlacio"],
                                   causation_id=str(row["causa"])))


async def failed(uow: NotificationsUnitOfWork, row: dict[str, Any], motiu: str) -> None:
    """Stage ``NotificacioFallida`` for a notification just marked failed."""
    await uow.add_events(new_event(NotificacioFallida(**_fields(row), motiu=motiu[:1000]),
                                   correlation_id=row["correlacio"], causation_id=str(row["causa"])))


async def record_sent(uow: NotificationsUnitOfWork, notificacio_id: str, now: datetime) -> None:
    """Mark a pending notification sent, once: a second delivery of it changes nothing."""
    row = await uow.notificacions.settle(notificacio_id, "enviada", now)
    if row is not None:
        await sent(uow, row)


async def record_failed(uow: NotificationsUnitOfWork, notificacio_id: str, now: datetime, motiu: str) -> None:
    row = await uow.notificacions.settle(notificacio_id, "fallida", now, motiu)
    if row is not None:
        await failed(uow, row, motiu)
