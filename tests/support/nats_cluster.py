"""Three real nats-servers clustered on loopback ports, JetStream on each (R3 streams need three)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import nats

from districte.nats_server import NatsServer, free_port


class NatsCluster:
    def __init__(self, directory: Path, size: int = 3) -> None:
        routes = [free_port() for _ in range(size)]
        route_urls = ",".join(f"nats-route://127.0.0.1:{port}" for port in routes)
        self.nodes = [
            NatsServer(directory / f"n{i}", log_file=directory / f"n{i}.log", extra_args=[
                "--server_name", f"n{i}", "--cluster_name", "districte",
                "--cluster", f"nats://127.0.0.1:{routes[i]}", "--routes", route_urls])
            for i in range(size)]

    @property
    def url(self) -> str:
        """Every node, as services are told (DISTRICTE_NATS_URL)."""
        return ",".join(node.url for node in self.nodes)

    def node(self, name: str) -> NatsServer:
        return self.nodes[int(name.removeprefix("n"))]

    async def start(self, timeout_s: float = 30.0) -> None:
        """Start every node and wait until JetStream has a meta leader (streams can be created)."""
        for node in self.nodes:
            node.start()
        connection = await nats.connect(self.url.split(","))
        try:
            deadline = asyncio.get_running_loop().time() + timeout_s
            while True:
                try:
                    await connection.jetstream().account_info()
                    return
                except (nats.errors.Error, TimeoutError):
                    if asyncio.get_running_loop().time() > deadline:
                        raise
                    await asyncio.sleep(0.3)
        finally:
            await connection.close()

    def stop(self) -> None:
        for node in self.nodes:
            node.stop()
