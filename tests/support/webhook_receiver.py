"""A real HTTP server that receives webhook deliveries, records them, and can be told to fail."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from districte.nats_server import free_port
from tests.support.http_server import serving

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
        self._serving = serving(app, self.port)
        await self._serving.__aenter__()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._serving.__aexit__(None, None, None)


def documented_verify():  # type: ignore[no-untyped-def]
    """The receivers' verification example of docs/webhooks.md, as a function."""
    [code] = re.findall(r"```python\n(.*?)```", DOCS.read_text(), flags=re.S)
    namespace: dict[str, Any] = {}
    exec(compile(code, str(DOCS), "exec"), namespace)  # noqa: S102 - our own documentation
    return namespace["verify"]
