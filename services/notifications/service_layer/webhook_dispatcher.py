"""Delivers pending webhook notifications, retrying with a growing delay; a webhook that keeps
failing is disabled and its owner told by mail.

A delivery is recorded as made in the same transaction that stages ``NotificacioEnviada``; a
crash between the receiver's answer and that commit re-sends it once, with the same
``webhook-id`` so the receiver can tell.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import structlog

from services.notifications.adapters.webhook_http import TargetRefused, WebhookClient
from services.notifications.adapters.webhook_payload import delivery_request
from services.notifications.domain.model import Destinatari
from services.notifications.domain.webhooks import MAX_ATTEMPTS, RETRY_BASE_S, retry_delay
from services.notifications.service_layer.delivery_log import record_failed, record_sent
from services.notifications.service_layer.dispatcher import CLAIM_LEASE
from services.notifications.service_layer.notify import Notifier
from services.notifications.service_layer.polling import deliver_until_stopped
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork

log = structlog.get_logger(__name__)


class WebhookDispatcher:
    def __init__(self, uow_factory: Callable[..., NotificationsUnitOfWork], client: WebhookClient,
                 notifier: Notifier, wake: asyncio.Event, *, max_failures: int = 10,
                 retry_base_s: float = RETRY_BASE_S, batch_size: int = 50, concurrency: int = 8,
                 idle_poll_s: float = 1.0, claims: bool = True,
                 lease: timedelta = CLAIM_LEASE) -> None:
        self._uow_factory = uow_factory
        self._client = client
        self._notifier = notifier
        self._max_failures = max_failures
        self._retry_base_s = retry_base_s
        self._batch_size = batch_size
        self._slots = asyncio.Semaphore(concurrency)
        self._idle_poll_s = idle_poll_s
        # Replicas claim what they send; a sole sender (one process owns an SQLite file) needs not.
        self._claims = claims
        self._lease = lease
        self.wake = wake

    async def run(self, stopping: asyncio.Event) -> None:
        try:
            await deliver_until_stopped(self.deliver_due, self.wake, stopping, batch_size=self._batch_size,
                                        idle_poll_s=self._idle_poll_s, failure_event="webhook_dispatch_failed")
        finally:
            await self._client.close()

    async def deliver_due(self) -> int:
        now = datetime.now(UTC)
        async with self._uow_factory(readonly=not self._claims) as uow:
            due = await uow.webhooks.claim_due(now, now + self._lease if self._claims else None, self._batch_size)
            if self._claims:
                await uow.commit()
        if due:
            errors = await asyncio.gather(*(self._attempt(row) for row in due))
            await self._record(list(zip(due, errors, strict=True)))
        return len(due)

    async def _attempt(self, row: dict[str, Any]) -> str | None:
        """None if the receiver took it (2xx), else why not."""
        body, headers = delivery_request(row["secret"], row["lliurament_id"], int(time.time()), {
            "id": row["notificacio_id"], "tipus": row["tipus"], "destinatari": row["destinatari"],
            "assumpte": row["assumpte"], "text": row["cos_text"], "causa": row["causa"],
            "correlacio": row["correlacio"], "dades": row["dades"], "creada_el": row["creada_el"]})
        async with self._slots:
            try:
                status = await self._client.post(row["url"], body, headers)
            except TargetRefused as exc:
                return str(exc)
            except httpx.HTTPError as exc:
                return f"no s'ha pogut connectar: {type(exc).__name__}"
        return None if 200 <= status < 300 else f"el receptor ha respost {status}"

    async def _record(self, outcomes: list[tuple[dict[str, Any], str | None]]) -> None:
        now = datetime.now(UTC)
        disabled: set[str] = set()
        async with self._uow_factory() as uow:
            for row, error in outcomes:
                if row["webhook_id"] in disabled:
                    continue  # its deliveries failed with it
                with structlog.contextvars.bound_contextvars(
                        notificacio_id=row["notificacio_id"], event_id=row["causa"],
                        correlation_id=row["correlacio"]):
                    if error is None:
                        await uow.webhooks.delivered(row["lliurament_id"], row["webhook_id"], now)
                        await record_sent(uow, row["notificacio_id"], now)
                        log.info("webhook_delivered")
                        continue
                    attempts = row["intents"] + 1
                    retry_at = now + retry_delay(attempts, self._retry_base_s) if attempts < MAX_ATTEMPTS else None
                    failures = await uow.webhooks.failed(row["lliurament_id"], row["webhook_id"], error, retry_at)
                    log.warning("webhook_not_delivered", attempt=attempts, given_up=retry_at is None)
                    if retry_at is None and not await uow.webhooks.still_open(row["notificacio_id"]):
                        await record_failed(uow, row["notificacio_id"], now, error)
                    if failures >= self._max_failures:
                        disabled.add(row["webhook_id"])
                        await self._disable(uow, row, failures, error, now)
            await uow.commit()

    async def _disable(self, uow: NotificationsUnitOfWork, row: dict[str, Any], failures: int, error: str,
                       now: datetime) -> None:
        motiu = f"{failures} intents fallits seguits; el darrer: {error}"
        for notificacio_id in await uow.webhooks.disable(row["webhook_id"], motiu, now):
            if not await uow.webhooks.still_open(notificacio_id):
                await record_failed(uow, notificacio_id, now, f"webhook desactivat: {motiu}")
        log.warning("webhook_disabled", webhook_id=row["webhook_id"], failures=failures)
        owner = Destinatari(row["destinatari"], row["destinatari"], "propietari_webhook", "contacte")
        causa = uuid.uuid5(uuid.UUID(row["webhook_id"]), now.isoformat())
        await self._notifier.tell(uow, owner, "webhook_desactivat", causa, str(causa),
                                  url=row["url"], fallades=failures, error=error)
