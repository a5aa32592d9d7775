"""The real services as child processes, against a test NATS, databases and SMTP server."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any

import httpx
import nats
from nats.aio.client import Client

from districte.nats_server import NatsServer, free_port
from tests.support.databases import PostgresDatabases, SqliteDatabases
from tests.support.nats_cluster import NatsCluster
from tests.support.smtp import SmtpSink
from tests.support.waiting import eventually

ADMIN_TOKEN = "test-staff-token-0123456789"
STAFF_EMAIL = "personal.tecnic@terrassa.example"
ROOT = Path(__file__).resolve().parents[2]


class District:
    def __init__(self, nats_server: NatsServer | NatsCluster, databases: SqliteDatabases | PostgresDatabases,
                 smtp: SmtpSink, workdir: Path) -> None:
        self.nats = nats_server
        self.databases = databases
        self.smtp = smtp
        self.workdir = workdir
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self.ports: dict[str, int] = {}
        self.http_port = free_port()
        self.http: httpx.AsyncClient = httpx.AsyncClient(
            base_url=f"http://127.0.0.1:{self.http_port}", timeout=15.0)
        self.staff = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
        self._nc: Client | None = None
        # How the test itself connects (an identity, when the server requires one), and what every
        # process is told about NATS besides its URL (TLS).
        self.bus_options: dict[str, Any] = {}
        self.nats_env: dict[str, str] = {}

    # -- processes ---------------------------------------------------------------------
    def env(self, service: str, name: str | None = None, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("DISTRICTE_")}
        env.update({
            "DISTRICTE_NATS_URL": self.nats.url,
            "DISTRICTE_DATABASE_URL": self.databases.url(service),
            "DISTRICTE_DATA_DIR": str(self.workdir / "data"),
            "DISTRICTE_LOG_FORMAT": "json",
            "DISTRICTE_SHUTDOWN_TIMEOUT_S": "10",
            "DISTRICTE_SMTP_URL": self.smtp.url,
            "DISTRICTE_STAFF_EMAIL": STAFF_EMAIL,
            "DISTRICTE_WEBHOOKS_ALLOW_PRIVATE": "true",  # the tests' receivers listen on 127.0.0.1
            # Bursts of hundreds of mails to one recipient prove delivery here; the hourly limit
            # that would fold them into a digest has tests of its own.
            "DISTRICTE_MAILS_PER_HORA": "1000000",
            "DISTRICTE_ADMIN_TOKEN": ADMIN_TOKEN,
            # Tests compare pages with the API at once: no page snapshots (their own test proves them).
            "DISTRICTE_PAGINES_CACHE_S": "0",
            "DISTRICTE_HTTP_PORT": str(self.http_port),
            "DISTRICTE_HEALTH_PORT": str(self.ports.setdefault(name or service, free_port())),
            "PYTHONPATH": str(ROOT),
        })
        env.update(self.nats_env)
        env.update(extra)
        return env

    def start(self, service: str, replica: str | None = None, **extra: str) -> str:
        """Start a service's process (or another replica of it, sharing its database); its name."""
        name = f"{service}-{replica}" if replica else service
        running = self.processes.get(name)
        if running is not None and running.poll() is None:  # a second copy would outlive the test
            raise AssertionError(f"{name} is already running; stop it before starting it again")
        log = open(self.workdir / f"{name}.log", "ab")  # noqa: SIM115 - closed with the process
        self.processes[name] = subprocess.Popen(
            [sys.executable, "-m", f"services.{service}"], env=self.env(service, name, **extra),
            stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
        return name

    async def start_all(self, *services: str, **extra: str) -> None:
        for service in services:
            self.start(service, **extra)
        for service in services:
            await self.wait_ready(service)

    def health_url(self, service: str) -> str:
        return f"http://127.0.0.1:{self.ports[service]}/health/ready"  # the portal's too: not on its site

    async def wait_ready(self, service: str, timeout_s: float = 60.0) -> None:
        def ready() -> bool:
            process = self.processes[service]
            if process.poll() is not None:
                raise AssertionError(f"{service} exited with {process.returncode}:\n{self.log(service)}")
            try:
                return urllib.request.urlopen(self.health_url(service), timeout=1).status == 200
            except OSError:
                return False

        async def probe() -> bool:
            return await asyncio.to_thread(ready)

        await eventually(probe, timeout_s=timeout_s, interval_s=0.2, what=f"{service} ready")

    def stop(self, service: str, timeout_s: float = 20.0) -> int:
        process = self.processes[service]
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=timeout_s)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        return process.returncode

    def kill(self, service: str) -> None:
        process = self.processes[service]
        if process.poll() is None:
            process.kill()
        process.wait()

    async def wait_exit(self, service: str, timeout_s: float = 30.0) -> int:
        process = self.processes[service]

        async def exited() -> bool:
            return process.poll() is not None

        await eventually(exited, timeout_s=timeout_s, what=f"{service} to exit")
        return process.returncode

    async def metric(self, service: str, name: str) -> float:
        """Sum of a Prometheus metric's samples on the service's /metrics."""
        url = self.health_url(service).replace("/health/ready", "/metrics")
        text = await asyncio.to_thread(lambda: urllib.request.urlopen(url, timeout=2).read().decode())
        return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
                   if line.startswith(name + "{") or line.startswith(name + " "))

    def log(self, service: str, whole: bool = False) -> str:
        path = self.workdir / f"{service}.log"
        text = path.read_text(errors="replace") if path.exists() else ""
        return text if whole else text[-4000:]

    async def close(self) -> None:
        # All at once: each drains on its own, and a test's teardown need not wait for one after another.
        running = [process for process in self.processes.values() if process.poll() is None]
        for process in running:
            process.send_signal(signal.SIGTERM)
        for process in running:
            try:
                await asyncio.to_thread(process.wait, 20.0)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        await self.http.aclose()
        if self._nc is not None:
            await self._nc.close()

    # -- talking to it -----------------------------------------------------------------
    async def bus(self) -> Client:
        if self._nc is None or self._nc.is_closed:
            self._nc = await nats.connect(self.nats.url.split(","), max_reconnect_attempts=-1,
                                          reconnect_time_wait=0.2, **self.bus_options)
        return self._nc

    async def register_ens_gestor(self, poligon_id: str, email: str, nom: str = "Junta de prova") -> dict[str, Any]:
        response = await self.http.post("/api/v1/ens-gestors", headers=self.staff,
                                        json={"nom": nom, "email": email, "poligons": [poligon_id]})
        assert response.status_code == 201, response.text
        return response.json()

    async def register_empresa(self, **fields: Any) -> httpx.Response:
        return await self.http.post("/api/v1/empreses", headers=self.staff, json=fields)

    async def notificacions(self, destinatari: str | None = None, canal: str = "email") -> list[dict[str, Any]]:
        """The delivery log as staff see it (the mails, unless ``canal`` says otherwise)."""
        params = {"mida": 200, "canal": canal} | ({"destinatari": destinatari} if destinatari else {})
        response = await self.http.get("/api/v1/notificacions", headers=self.staff, params=params)
        assert response.status_code == 200, response.text
        return response.json()["items"]

    async def mails(self, address: str, count: int) -> list[Any]:
        """The mails to ``address``, once at least ``count`` have arrived."""
        async def arrived() -> list[Any]:
            found = self.smtp.to(address)
            return found if len(found) >= count else []

        return await eventually(arrived, what=f"{count} mail(s) to {address}")

    async def token(self, rol: str, email: str | None = None) -> dict[str, str]:
        """Authorization headers of a new token with that role (and recipient address)."""
        response = await self.http.post("/api/v1/admin/tokens", headers=self.staff,
                                        json={"nom": f"prova {rol}", "rol": rol, "email": email})
        assert response.status_code == 201, response.text
        return {"Authorization": f"Bearer {response.json()['token']}"}

    async def stream_messages(self, stream: str) -> int:
        js = (await self.bus()).jetstream()
        return (await js.stream_info(stream)).state.messages
