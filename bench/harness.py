"""A whole district for the benchmark: embedded nats-server, the services, an SMTP sink."""

from __future__ import annotations

import asyncio
import inspect
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

from aiosmtpd.controller import Controller

from bench.http_client import Connection
from districte.nats_server import NatsServer, free_port
from tests.support.databases import PostgresDatabases, SqliteDatabases
from tests.support.nats_cluster import NatsCluster

SERVICES = ("census", "location", "notifications", "portal")
TOKEN = "bench-staff-token-0123456789"
ROOT = Path(__file__).resolve().parents[1]


class CountingSmtp:
    """A real SMTP server that only counts: parsing each mail would load the machine we measure."""

    def __init__(self) -> None:
        self.port = free_port()
        self.count = 0
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope) -> str:  # type: ignore[no-untyped-def]  # noqa: N802
        self.count += 1
        return "250 OK"

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def start(self) -> None:
        self._controller.start()

    def stop(self) -> None:
        self._controller.stop()


class BenchDistrict:
    def __init__(self, workdir: Path, postgres_url: str | None = None, *, nats: NatsServer | NatsCluster | None = None,
                 services: tuple[str, ...] = SERVICES, replicas: int = 1, stream_replicas: int = 1) -> None:
        self.workdir = workdir
        self.nats = nats or NatsServer(workdir / "nats")
        self.smtp = CountingSmtp()
        self.databases = PostgresDatabases(postgres_url) if postgres_url else SqliteDatabases(workdir)
        self.services = services
        self.replicas = replicas
        self.stream_replicas = stream_replicas
        # One HTTP port per portal replica (a load balancer's job in production: the client's here).
        self.http_ports = [free_port() for _ in range(replicas)]
        self.http_port = self.http_ports[0]
        self.health_ports: dict[str, int] = {}
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self.token = TOKEN
        self.sample_envelope_size = 600

    @property
    def nats_url(self) -> str:
        return self.nats.url

    @property
    def portal_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    def smtp_count(self) -> int:
        return self.smtp.count

    def pids(self) -> dict[str, int]:
        """Each process of the district by name, for the CPU breakdown."""
        pids = {name: process.pid for name, process in self.processes.items()}
        nodes = getattr(self.nats, "nodes", [self.nats])
        for i, node in enumerate(nodes):
            if node.process is not None:
                pids["nats-server" if len(nodes) == 1 else f"nats-server-{i}"] = node.process.pid
        return pids

    async def __aenter__(self) -> BenchDistrict:
        started = self.nats.start()
        if inspect.isawaitable(started):  # a cluster waits for its JetStream leader
            await started
        self.smtp.start()
        await self.databases.ensure(*self.services)
        for service in self.services:
            for replica in range(self.replicas):
                name = service if replica == 0 else f"{service}-{replica}"
                self.processes[name] = self._start(service, name, self.http_ports[replica])
        await self._wait_ready()
        return self

    def _start(self, service: str, name: str, http_port: int) -> subprocess.Popen[bytes]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("DISTRICTE_")}
        env.update({
            "DISTRICTE_NATS_URL": self.nats.url,
            "DISTRICTE_NATS_STREAM_REPLICAS": str(self.stream_replicas),
            "DISTRICTE_DATABASE_URL": self.databases.url(service),
            "DISTRICTE_DATA_DIR": str(self.workdir / "data"),
            "DISTRICTE_SMTP_URL": self.smtp.url,
            "DISTRICTE_ADMIN_TOKEN": TOKEN,
            "DISTRICTE_HTTP_PORT": str(http_port),
            "DISTRICTE_HEALTH_PORT": str(self.health_ports.setdefault(name, free_port())),
            "DISTRICTE_LOG_LEVEL": "warning",
            # Every registration's mail is measured: no folding of a burst into a digest.
            "DISTRICTE_MAILS_PER_HORA": "10000000",
            "PYTHONPATH": str(ROOT),
        })
        log = open(self.workdir / f"{name}.log", "ab")  # noqa: SIM115
        return subprocess.Popen([sys.executable, "-m", f"services.{service}"], env=env, stdout=log,
                                stderr=subprocess.STDOUT)

    async def _wait_ready(self) -> None:
        """Every service ready (its database migrated, JetStream reached), not only the portal."""
        urls = [f"http://127.0.0.1:{port}/health/ready" for port in self.health_ports.values()]
        for url in urls:
            for _ in range(300):
                try:
                    if await asyncio.to_thread(lambda u=url: urllib.request.urlopen(u, timeout=1).status) == 200:
                        break
                except OSError:
                    pass
                await asyncio.sleep(0.2)
            else:
                raise RuntimeError(f"the district did not become ready: {url}")

    async def register_ens_gestor(self, poligon: str, email: str) -> None:
        connection = Connection("127.0.0.1", self.http_port)
        status, body = await connection.request("POST", "/api/v1/ens-gestors", {
            "nom": "Junta del Polígon dels Bellots", "email": email, "poligons": [poligon]},
            {"Authorization": f"Bearer {self.token}"})
        await connection.close()
        if status != 201:
            raise RuntimeError(f"ens gestor not registered: {status} {body!r}")

    async def __aexit__(self, *exc: object) -> None:
        for process in reversed(self.processes.values()):
            process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        self.smtp.stop()
        self.nats.stop()
        await self.databases.drop_all()
