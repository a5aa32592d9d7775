"""Outbox relay: publishes committed events to JetStream and marks them published.

Each event is published with ``Nats-Msg-Id`` = its id and counts as published only
when its PubAck arrives. A crash between PubAck and marking republishes the same id,
which JetStream drops as a duplicate (and consumers are idempotent besides). While
NATS is away the rows stay pending and the relay retries with a growing delay.
On PostgreSQL the pending rows are claimed ``FOR UPDATE SKIP LOCKED`` so several
replicas never publish the same row at the same time.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import UTC, datetime

import structlog
from nats.js import JetStreamContext
from sqlalchemy import func, select, update

from shared.faults import RELAY_BEFORE_PUBLISH, crash_point
from shared.observability.metrics import ServiceMetrics
from shared.persistence.database import Database
from shared.persistence.messaging_tables import outbox
from shared.persistence.timestamps import as_utc

log = structlog.get_logger(__name__)


class OutboxRelay:
    def __init__(self, database: Database, jetstream: Callable[[], JetStreamContext],
                 metrics: ServiceMetrics, *, batch_size: int = 500, ack_timeout_s: float = 5.0,
                 idle_poll_s: float = 1.0, max_backoff_s: float = 5.0) -> None:
        self._database = database
        self._jetstream = jetstream
        self._metrics = metrics
        self._batch_size = batch_size
        self._ack_timeout_s = ack_timeout_s
        self._idle_poll_s = idle_poll_s
        self._max_backoff_s = max_backoff_s
        self._last_report = 0.0

    async def run(self, stopping: asyncio.Event) -> None:
        failures = 0
        signal = self._database.outbox_signal
        while not stopping.is_set():
            signal.clear()
            try:
                published = await self.publish_pending()
                failures = 0
            except Exception as exc:  # noqa: BLE001 - the relay must outlive any outage
                failures += 1
                delay = min(0.1 * 2**failures, self._max_backoff_s)
                log.warning("outbox_publish_failed", error=type(exc).__name__, retry_in_s=delay)
                await _sleep_unless(stopping, delay)
                continue
            if published < self._batch_size:
                if time.monotonic() - self._last_report >= 1.0:
                    await self._report_backlog()
                await _wait_any(stopping, signal, self._idle_poll_s)

    async def publish_pending(self) -> int:
        """Publish one batch of pending events; return how many were confirmed."""
        query = (
            select(outbox.c.id, outbox.c.event_id, outbox.c.subject, outbox.c.payload)
            .where(outbox.c.published_at.is_(None))
            .order_by(outbox.c.id)
            .limit(self._batch_size)
        )
        if self._database.is_sqlite:
            # One process owns an SQLite file: read without the write lock, publish, then mark.
            async with self._database.reading() as connection:
                rows = (await connection.execute(query)).all()
            if not rows:
                return 0
            crash_point(RELAY_BEFORE_PUBLISH)
            confirmed, error = await self._publish(rows)
            async with self._database.writing() as connection:
                failed = await self._mark(connection, rows, confirmed, error)
        else:
            # Replicas share PostgreSQL: each claims its rows until it has marked them.
            async with self._database.writing() as connection:
                rows = (await connection.execute(query.with_for_update(skip_locked=True))).all()
                if not rows:
                    return 0
                crash_point(RELAY_BEFORE_PUBLISH)
                confirmed, error = await self._publish(rows)
                failed = await self._mark(connection, rows, confirmed, error)
        self._metrics.events_published.inc(len(confirmed))
        if failed:
            raise ConnectionError(error or "publish failed")
        return len(confirmed)

    @staticmethod
    async def _mark(connection, rows, confirmed: list[int], error: str | None) -> int:  # type: ignore[no-untyped-def]
        """Record what was confirmed and what must be tried again; return how many failed."""
        if confirmed:
            await connection.execute(
                update(outbox).where(outbox.c.id.in_(confirmed)).values(published_at=datetime.now(UTC))
            )
        confirmed_ids = set(confirmed)
        failed = [row.id for row in rows if row.id not in confirmed_ids]
        if failed:
            await connection.execute(
                update(outbox)
                .where(outbox.c.id.in_(failed))
                .values(attempts=outbox.c.attempts + 1, last_error=error)
            )
        return len(failed)

    async def _publish(self, rows) -> tuple[list[int], str | None]:  # type: ignore[no-untyped-def]
        js = self._jetstream()
        futures: list[tuple[int, asyncio.Future]] = []
        error: str | None = None
        try:
            for row in rows:
                future = await js.publish_async(
                    row.subject, row.payload, headers={"Nats-Msg-Id": row.event_id}
                )
                futures.append((row.id, future))
        except Exception as exc:  # noqa: BLE001 - what was sent so far may still be confirmed
            error = f"{type(exc).__name__}: {exc}"
        if futures:
            done, pending = await asyncio.wait(
                [f for _, f in futures], timeout=self._ack_timeout_s
            )
            for future in pending:
                future.cancel()
            if pending and error is None:
                error = "TimeoutError: no PubAck"
        confirmed = []
        for row_id, future in futures:
            if future.done() and not future.cancelled() and future.exception() is None:
                confirmed.append(row_id)
            elif error is None and future.done() and not future.cancelled():
                error = f"{type(future.exception()).__name__}: {future.exception()}"
        return confirmed, error

    async def _report_backlog(self) -> None:
        self._last_report = time.monotonic()
        async with self._database.reading() as connection:
            count, oldest = (
                await connection.execute(
                    select(func.count(), func.min(outbox.c.created_at)).where(
                        outbox.c.published_at.is_(None)
                    )
                )
            ).one()
        self._metrics.outbox_backlog.set(count)
        if oldest is None:
            self._metrics.outbox_oldest_age.set(0)
        else:
            age = datetime.now(UTC) - as_utc(oldest)
            self._metrics.outbox_oldest_age.set(age.total_seconds())


async def _sleep_unless(stopping: asyncio.Event, delay: float) -> None:
    try:
        await asyncio.wait_for(stopping.wait(), timeout=delay)
    except TimeoutError:
        pass


async def _wait_any(stopping: asyncio.Event, signal: asyncio.Event, timeout: float) -> None:
    waiters = [asyncio.ensure_future(stopping.wait()), asyncio.ensure_future(signal.wait())]
    try:
        await asyncio.wait(waiters, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()
