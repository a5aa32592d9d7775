"""Delivers pending notifications and records each delivery with its event.

A notification is stored (pending) by the consumer, so an outage of the mail server
delays it and never loses it: the dispatcher retries with a growing delay. A mail the
server accepted is marked sent in the same transaction that stages
``NotificacioEnviada``. A crash between the server's acceptance and that commit is the
one window where a mail can go out twice; its Message-ID stays the same so receivers
can tell.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from contextlib import AsyncExitStack
from datetime import UTC, datetime, timedelta
from functools import partial

import structlog

from services.notifications.adapters.mail import MailTransport, PermanentDeliveryError, Send
from services.notifications.adapters.mime import MailComposer, OutgoingMail
from services.notifications.domain.model import next_attempt
from services.notifications.service_layer import delivery_log
from services.notifications.service_layer.polling import deliver_until_stopped
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork

log = structlog.get_logger(__name__)
# How long a replica holds the mail it claimed: longer than a batch can take to send.
CLAIM_LEASE = timedelta(minutes=10)


class ReusedSession:
    """One connection to the mail server kept open while there is mail to send."""

    def __init__(self, transport: MailTransport) -> None:
        self._transport = transport
        self._stack: AsyncExitStack | None = None
        self._send: Send | None = None

    async def send(self, message: OutgoingMail) -> None:
        if self._send is None:
            stack = AsyncExitStack()
            self._send = await stack.enter_async_context(self._transport.session())
            self._stack = stack
        await self._send(message)

    async def close(self) -> None:
        stack, self._stack, self._send = self._stack, None, None
        if stack is not None:
            try:
                await stack.aclose()
            except Exception:  # noqa: BLE001 - closing a broken connection may fail; it is gone
                pass


class Dispatcher:
    """Sends due notifications over up to ``connections`` SMTP sessions at once.

    A mail costs the server a few round trips; sending one at a time would leave the
    service waiting on them while mail piles up.
    """

    def __init__(self, uow_factory: Callable[..., NotificationsUnitOfWork], transport: MailTransport,
                 sender: str, wake: asyncio.Event, *, connections: int = 4, batch_size: int = 50,
                 idle_poll_s: float = 1.0, claims: bool = True,
                 lease: timedelta = CLAIM_LEASE) -> None:
        self._uow_factory = uow_factory
        self._transport = transport
        self._composer = MailComposer(sender)
        self._connections = connections
        self._batch_size = batch_size
        self._idle_poll_s = idle_poll_s
        # Replicas claim what they send; a sole sender (one process owns an SQLite file) needs not.
        self._claims = claims
        self._lease = lease
        self.wake = wake

    async def run(self, stopping: asyncio.Event) -> None:
        sessions = [ReusedSession(self._transport) for _ in range(self._connections)]

        async def let_the_server_go() -> None:
            await _close_all(sessions)

        try:
            await deliver_until_stopped(partial(self.deliver_due, sessions), self.wake, stopping,
                                        batch_size=self._batch_size, idle_poll_s=self._idle_poll_s,
                                        failure_event="dispatch_failed", on_idle=let_the_server_go)
        finally:
            await _close_all(sessions)

    async def deliver_due(self, sessions: list[ReusedSession]) -> int:
        now = datetime.now(UTC)
        async with self._uow_factory(readonly=not self._claims) as uow:
            due = await uow.notificacions.claim_due(now, now + self._lease if self._claims else None, self._batch_size)
            if self._claims:
                await uow.commit()
        if not due:
            return 0
        await self._record(await self._send(due, sessions))
        return len(due)

    async def _send(self, due: list[dict],
                    sessions: list[ReusedSession]) -> list[tuple[dict, Exception | None]]:
        """Each row with its outcome: None if the server took it, else the error."""
        outcomes: dict[int, Exception | None] = {}
        unsent = iter(range(len(due)))
        unreachable: Exception | None = None

        async def send_next(session: ReusedSession) -> None:
            nonlocal unreachable
            for index in unsent:
                try:
                    await session.send(self._message(due[index]))
                except PermanentDeliveryError as exc:
                    outcomes[index] = exc
                except Exception as exc:  # noqa: BLE001 - the server is unreachable or dropped us
                    await session.close()
                    outcomes[index] = unreachable = exc
                    return
                else:
                    outcomes[index] = None

        await asyncio.gather(*(send_next(session) for session in sessions[:len(due)]))
        # Rows no session got to: every session lost the server, so they wait for a retry.
        return [(row, outcomes.get(index, unreachable)) for index, row in enumerate(due)]

    def _message(self, row: dict) -> OutgoingMail:
        return self._composer.compose(to=row["destinatari"], subject=row["assumpte"],
                                      text=row["cos_text"], html=row["cos_html"],
                                      message_id=row["notificacio_id"], unsubscribe=row["enllac_baixa"],
                                      language=row["idioma"])

    async def _record(self, outcomes: list[tuple[dict, Exception | None]]) -> None:
        now = datetime.now(UTC)
        async with self._uow_factory() as uow:
            sent = [row["notificacio_id"] for row, error in outcomes if error is None]
            if sent:
                await uow.notificacions.mark_sent(sent, now)
            for row, error in outcomes:
                with structlog.contextvars.bound_contextvars(
                        notificacio_id=row["notificacio_id"], event_id=row["causa"],
                        correlation_id=row["correlacio"]):
                    if error is None:
                        await delivery_log.sent(uow, row)
                        log.info("notification_sent", canal=row["canal"])
                        continue
                    permanent = isinstance(error, PermanentDeliveryError)
                    reason = f"{type(error).__name__}: {error}"
                    await uow.notificacions.mark_failed_attempt(
                        row["notificacio_id"], reason, next_attempt(now, row["intents"] + 1), permanent)
                    if permanent:
                        await delivery_log.failed(uow, row, reason)
                    log.warning("notification_not_delivered", permanent=permanent,
                                attempt=row["intents"] + 1, error=type(error).__name__)
            await uow.commit()


async def _close_all(sessions: list[ReusedSession]) -> None:
    await asyncio.gather(*(session.close() for session in sessions))
