"""Notifications queries served over NATS request-reply."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from faststream.nats import NatsRouter

from services.notifications.service_layer.queries import llistar_notificacions
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from shared.contracts.notifications_api import SERVICE, LlistarNotificacions
from shared.messaging.rpc import serve


def register_rpc(router: NatsRouter, uow: Callable[[], NotificationsUnitOfWork]) -> None:
    @serve(router, SERVICE, "LlistarNotificacions", LlistarNotificacions)
    async def llistar(query: LlistarNotificacions) -> Any:
        return await llistar_notificacions(query, uow)
