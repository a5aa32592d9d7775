"""The life of a service process: migrate, connect, consume, relay, serve health, stop cleanly.

Each service's ``bootstrap`` builds a :class:`ServiceRuntime`, adds its consumers, RPC
handlers and background jobs, and calls :meth:`ServiceRuntime.run`. Shutdown on SIGTERM
or SIGINT: readiness turns false, subscribers stop taking messages and finish the ones in
hand (what is left unacked is redelivered elsewhere), background jobs end their current
step, then the connection drains.
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import structlog
import uvloop
from faststream.nats import NatsBroker, NatsRouter
from nats.aio.client import Client
from nats.js import JetStreamContext

from shared.messaging.bus_access import BusAccess, inbox_prefix
from shared.messaging.connection import broker_security, servers
from shared.messaging.consumer import EventConsumer
from shared.messaging.dead_letter_admin import register_dead_letter_admin
from shared.messaging.dead_letters import DeadLetterStore
from shared.messaging.exhausted import ExhaustedDeliveries, exhausted_spec
from shared.messaging.outbox_relay import OutboxRelay
from shared.messaging.provisioning import (
    declare_consumers,
    declare_streams,
    patiently,
    tuned,
    wait_for_consumers,
)
from shared.messaging.pull_loop import pull_loop
from shared.observability.health import health_app
from shared.observability.http_server import bound_socket, embedded_server
from shared.observability.logging import configure_logging
from shared.observability.metrics import ServiceMetrics
from shared.persistence.database import Database
from shared.persistence.migrations import migrate
from shared.settings import ServiceSettings

log = structlog.get_logger(__name__)

Job = Callable[[asyncio.Event], Awaitable[None]]


class ServiceRuntime:
    def __init__(self, name: str, settings: ServiceSettings, migrations: Path, access: BusAccess,
                 default_health_port: int | None = None) -> None:
        self.name = name
        self.access = access
        self.settings = settings
        self.migrations = migrations
        self.health_port = settings.health_port if settings.health_port is not None else default_health_port
        self.metrics = ServiceMetrics(name)
        self.database = Database(settings.database_url_for(name))
        self.broker = NatsBroker(
            servers(settings),
            name=f"districte-{name}",
            security=broker_security(settings),
            inbox_prefix=inbox_prefix(name),
            max_reconnect_attempts=-1,
            reconnect_time_wait=1,
            graceful_timeout=settings.shutdown_timeout_s,
            logger=None,
        )
        self.router = NatsRouter()
        self.dead_letters = DeadLetterStore(self.database)
        self.consumers: list[EventConsumer[Any]] = []
        self.exhausted: ExhaustedDeliveries | None = None
        self.jobs: list[Job] = []
        self.startup_hooks: list[Callable[[], Awaitable[None]]] = []
        self.http_app: Any = None
        self.http_port: int | None = None
        self.ready = False
        self.stopping = asyncio.Event()

    # -- composition -------------------------------------------------------------------
    def add_consumer(self, consumer: EventConsumer[Any]) -> None:
        self.consumers.append(consumer)

    def add_job(self, job: Job) -> None:
        self.jobs.append(job)

    def on_startup(self, hook: Callable[[], Awaitable[None]]) -> None:
        self.startup_hooks.append(hook)

    def jetstream(self) -> JetStreamContext:
        return self.broker.config.connection_state.stream

    def nats(self) -> Client:
        return self.broker.config.connection_state.connection

    async def check_database(self) -> None:
        await self.database.ping()

    async def check_jetstream(self) -> None:
        if not self.ready:
            raise RuntimeError("starting or stopping")
        if not self.nats().is_connected:
            raise ConnectionError("NATS connection lost; reconnecting")
        await asyncio.wait_for(self.jetstream().account_info(), timeout=2.0)

    def readiness_checks(self) -> dict[str, Callable[[], Awaitable[None]]]:
        return {"database": self.check_database, "jetstream": self.check_jetstream}

    # -- life --------------------------------------------------------------------------
    def run(self) -> None:
        configure_logging(self.name, self.settings.log_format, self.settings.log_level)
        uvloop.run(self.serve())

    async def serve(self) -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, self.stopping.set)
        await self._prepare()
        consumers_stopping = asyncio.Event()
        loops = [(c.spec, c.handle_batch) for c in self.consumers]
        if self.exhausted is not None:
            loops.append((self.exhausted.spec, self.exhausted.handle_batch))
        consuming = [asyncio.create_task(pull_loop(self.jetstream, spec, handle, consumers_stopping),
                                         name=spec.durable) for spec, handle in loops]
        relay = OutboxRelay(self.database, self.jetstream, self.metrics)
        jobs = [asyncio.create_task(job(self.stopping), name=getattr(job, "__name__", "job"))
                for job in [relay.run, *self.jobs]]
        servers = self._http_servers()
        serving = [asyncio.create_task(server.serve(sockets=[sock])) for server, sock in servers]
        self.ready = True
        log.info("service_started", health_port=self.health_port, http_port=self.http_port)
        failed = await self._wait_for_stop([*consuming, *jobs, *serving])
        log.info("service_stopping")
        self.ready = False
        # Consumers finish the batch in hand; then jobs and the relay finish their step;
        # then the connection drains. Whatever is still unacked is redelivered later.
        consumers_stopping.set()
        self.stopping.set()
        unfinished = await _finish(consuming, self.settings.shutdown_timeout_s)
        for server, _ in servers:
            server.should_exit = True
        unfinished += await _finish([*jobs, *serving], self.settings.shutdown_timeout_s)
        await self.broker.stop()
        await self.database.dispose()
        log.info("service_stopped", unfinished=unfinished)
        if failed:
            raise SystemExit(1)

    async def _prepare(self) -> None:
        """Migrate, seed, connect, declare streams and consumers, start the RPC handlers."""
        await migrate(self.database.url, self.migrations)
        for hook in self.startup_hooks:
            await hook()
        register_dead_letter_admin(self.router, self.name, self.consumers, self.dead_letters)
        self.broker.include_router(self.router)
        await self._connect()
        js = self.jetstream()
        declared = {spec.durable for spec in self.access.consumers}
        for consumer in self.consumers:
            if consumer.spec.durable not in declared:  # its identity would not be allowed to pull it
                raise RuntimeError(f"consumer {consumer.spec.durable} is missing from {self.name}'s BUS_ACCESS")
            consumer.spec = tuned(consumer.spec, self.settings)
        specs = [c.spec for c in self.consumers]
        if self.consumers:
            self.exhausted = ExhaustedDeliveries(
                exhausted_spec(self.name, specs), self.jetstream, self.dead_letters, self.metrics)
            specs.append(self.exhausted.spec)
        if self.settings.nats_provisioned:
            await wait_for_consumers(js, specs, self.stopping)
        else:
            await patiently(lambda: declare_streams(js, self.settings.nats_stream_replicas), self.stopping, "streams")
            await patiently(lambda: declare_consumers(js, specs), self.stopping, "consumers")
        await self.broker.start()

    async def _wait_for_stop(self, tasks: list[asyncio.Task[Any]]) -> bool:
        """Until a signal, or until a task that should run forever ends: then True."""
        stop = asyncio.create_task(self.stopping.wait())
        done, _ = await asyncio.wait([stop, *tasks], return_when=asyncio.FIRST_COMPLETED)
        stop.cancel()
        # A job that saw the stop signal in the same turn as we did ended cleanly, not crashed.
        crashed = [task for task in done if task is not stop and not (
            self.stopping.is_set() and not task.cancelled() and task.exception() is None)]
        for task in crashed:
            error = task.exception() if not task.cancelled() else None
            log.error("service_task_ended", task=task.get_name(),
                      error=type(error).__name__ if error else None)
        return bool(crashed)

    async def _connect(self) -> None:
        delay = 0.2
        while True:
            try:
                await self.broker.connect()
                return
            except Exception as exc:  # noqa: BLE001 - NATS may come up after us
                if self.stopping.is_set():
                    raise
                log.warning("nats_unreachable", error=type(exc).__name__, retry_in_s=delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)

    def _http_servers(self) -> list[tuple[Any, Any]]:
        servers = []
        if self.health_port is not None:
            app = health_app(self.name, self.readiness_checks(), self.metrics)
            servers.append((embedded_server(app, self.settings.http_host, self.health_port),
                            bound_socket(self.settings.http_host, self.health_port)))
        if self.http_app is not None and self.http_port is not None:
            servers.append((embedded_server(self.http_app, self.settings.http_host, self.http_port),
                            bound_socket(self.settings.http_host, self.http_port)))
        return servers


async def _finish(tasks: list[asyncio.Task[Any]], timeout_s: float) -> int:
    """Let tasks end on their own for a while, then cancel; return how many were cancelled."""
    if not tasks:
        return 0
    _, pending = await asyncio.wait(tasks, timeout=timeout_s)
    for task in pending:
        task.cancel()
    return len(pending)
