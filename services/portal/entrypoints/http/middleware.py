"""ASGI middleware: body size limit and correlation ids."""

from __future__ import annotations

import uuid

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.observability.correlation import HEADER, current_correlation_id

MAX_BODY_BYTES = 64 * 1024
# Where people upload files, and how large they may be.
UPLOAD_PATHS = {"/api/v1/importacions": 50 * 1024 * 1024, "/personal/importacions": 50 * 1024 * 1024}


def _too_large(limit: int) -> bytes:
    size = f"{limit // (1024 * 1024)} MiB" if limit >= 1024 * 1024 else f"{limit // 1024} KiB"
    return orjson.dumps({"detail": f"El cos de la petició és massa gran (màxim {size}).", "errors": []})


class BodySizeLimit:
    """413 for a body over the limit, whether or not Content-Length tells the truth."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES,
                 uploads: dict[str, int] | None = None) -> None:
        self.app = app
        self.limit = limit
        self.uploads = UPLOAD_PATHS if uploads is None else uploads

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.uploads.get(scope["path"], self.limit)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await self._reject(send, limit)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _BodyTooLarge
            return message

        try:
            await self.app(scope, limited_receive, send)
        except _BodyTooLarge:
            await self._reject(send, limit)

    @staticmethod
    async def _reject(send: Send, limit: int) -> None:
        body = _too_large(limit)
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


class _BodyTooLarge(Exception):
    pass


class CorrelationId:
    """Take the caller's correlation id or start one; echo it on the response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        supplied = dict(scope["headers"]).get(HEADER.lower().encode(), b"").decode("latin-1")
        correlation_id = supplied if 0 < len(supplied) <= 64 else str(uuid.uuid4())
        token = current_correlation_id.set(correlation_id)

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", []).append((HEADER.encode(), correlation_id.encode()))
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            current_correlation_id.reset(token)
