"""Serve an ASGI app inside a service's own event loop (health endpoints, the portal)."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator

import uvicorn


class EmbeddedServer(uvicorn.Server):
    """A uvicorn server that leaves signal handling to the service runtime."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def embedded_server(app, host: str, port: int) -> EmbeddedServer:  # type: ignore[no-untyped-def]
    config = uvicorn.Config(app, host=host, port=port, log_config=None, access_log=False,
                            lifespan="off", server_header=False)
    return EmbeddedServer(config)


def bound_socket(host: str, port: int) -> socket.socket:
    """Bind before serving, so a taken port fails start-up loudly and at once."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.set_inheritable(True)
    return sock
