"""A real HTTP server that receives webhook deliveries, records them, and can be told to fail."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from districte.nats_server import free_port

DOCS = Path(__file__).resolve().parents[2] / "docs" / "webhooks.md"


@dataclass(frozen=True)
class Delivery:
    headers: dict[str, str]
    body: bytes

    @property
    def event(self) -> dict[str, Any]:
        return orjson.loads(self.body)


@dataclass
class WebhookReceiver:
    status: int = 200
    received: list[Delivery] = field(default_factory=list)
    port: int = field(default_factory=free_port)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/avisos"

    async def _receive(self, request: Request) -> Response:
        self.received.append(Delivery({k.lower(): v for k, v in request.headers.items()}, await request.body()))
        return Response(status_code=self.status)

    async def __aenter__(self) -> WebhookReceiver:
        app = Starlette(routes=[Route("/avisos", self._receive, methods=["POST"])])
        self._server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                                     lifespan="off"))
        self._task = asyncio.create_task(self._server.serve())
        while not self._server.started:
            await asyncio.sleep(0.01)
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._server.should_exit = True
        await self._task


def documented_verify():  # type: ignore[no-untyped-def]
    """The receivers' verification example of docs/webhooks.md, as a function."""
    [code] = re.findall(r"```python\n(.*?)```", DOCS.read_text(), flags=re.S)
    namespace: dict[str, Any] = {}
    exec(compile(code, str(DOCS), "exec"), namespace)  # noqa: S102 - our own documentation
    return namespace["verify"]
