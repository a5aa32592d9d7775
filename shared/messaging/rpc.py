"""Serving and calling request-reply endpoints over core NATS."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import orjson
import structlog
from faststream.nats import NatsMessage, NatsRouter
from nats.aio.client import Client
from nats.errors import Error as NatsError
from pydantic import BaseModel, ValidationError

from shared.contracts.rpc import RpcError, RpcReply, rpc_subject
from shared.errors import FieldError, Rejected
from shared.observability.correlation import ACTOR_HEADER, HEADER, current_actor, current_correlation_id

log = structlog.get_logger(__name__)

Req = TypeVar("Req", bound=BaseModel)


async def _body_and_headers(message: NatsMessage) -> tuple[bytes, dict[str, str]]:
    """Hand the handler raw bytes and headers: validation is ours (a malformed request gets
    a 422 reply), and asking FastStream to inject the message would cost a thread hop."""
    return message.body, message.headers


def _dump(reply: RpcReply) -> bytes:
    return orjson.dumps(reply.model_dump(mode="json"))


def serve(router: NatsRouter, service: str, name: str, request: type[Req],
          queue: str | None = None,
          concurrency: int = 64) -> Callable[[Callable[[Req], Awaitable[Any]]], Any]:
    """Register ``fn(request) -> result`` as the handler of ``districte.rpc.<service>.<name>``.

    Replies ``{"ok": true, "result": ...}``, or ``{"ok": false, "error": ...}`` for a
    malformed request (422) or a :class:`Rejected` use case; other errors reply 500.
    """

    def register(fn: Callable[[Req], Awaitable[Any]]) -> Any:
        async def endpoint(request_and_headers: Any) -> bytes:
            body, headers = request_and_headers
            correlation_id = (headers or {}).get(HEADER) or str(uuid.uuid4())
            token = current_correlation_id.set(correlation_id)
            actor = current_actor.set((headers or {}).get(ACTOR_HEADER))
            try:
                with structlog.contextvars.bound_contextvars(correlation_id=correlation_id, rpc=name):
                    return await handle(body)
            finally:
                current_actor.reset(actor)
                current_correlation_id.reset(token)

        async def handle(body: bytes) -> bytes:
            try:
                parsed = request.model_validate_json(body or b"{}")
            except ValidationError as exc:
                errors = [FieldError(camp=".".join(str(p) for p in e["loc"]), motiu=e["msg"])
                          for e in exc.errors()]
                return _dump(RpcReply(ok=False, error=RpcError(
                    status=422, codi="peticio_no_valida", missatge="Petició no vàlida.",
                    errors=errors)))
            try:
                result = await fn(parsed)
            except Rejected as exc:
                return _dump(RpcReply(ok=False, error=RpcError(
                    status=exc.status, codi=exc.codi, missatge=exc.missatge, errors=exc.errors)))
            except Exception as exc:  # noqa: BLE001 - the caller gets an answer, we get the trace
                log.exception("rpc_failed", rpc=name, error=type(exc).__name__)
                return _dump(RpcReply(ok=False, error=RpcError(
                    status=500, codi="error_intern", missatge="Error intern del servei.")))
            if isinstance(result, BaseModel):
                result = result.model_dump(mode="json")
            return _dump(RpcReply(ok=True, result=result))

        # Requests are handled concurrently (up to `concurrency`), so writes can share a
        # transaction (GroupCommitter) and slow reads do not queue the fast ones.
        router.subscriber(rpc_subject(service, name), queue=queue or service,
                          decoder=_body_and_headers, max_workers=concurrency,
                          title=f"{service}.{name}")(endpoint)
        return fn

    return register


class ServiceUnavailable(Exception):
    """No replica of the service answered in time."""


class RpcClient:
    def __init__(self, connection: Callable[[], Client], timeout_s: float = 5.0) -> None:
        self._connection = connection
        self._timeout_s = timeout_s

    async def call(self, service: str, name: str, request: BaseModel | dict[str, Any] | None = None,
                   timeout_s: float | None = None) -> RpcReply:
        if isinstance(request, BaseModel):
            # Only what the caller set: the service applies the same defaults, and a partial
            # change (a PATCH) must not arrive as "every other field set to null".
            payload = orjson.dumps(request.model_dump(mode="json", exclude_unset=True))
        else:
            payload = orjson.dumps(request or {})
        try:
            headers = {name: value for name, value in ((HEADER, current_correlation_id.get()),
                                                       (ACTOR_HEADER, current_actor.get())) if value}
            message = await self._connection().request(
                rpc_subject(service, name), payload, timeout=timeout_s or self._timeout_s, headers=headers or None)
        except (NatsError, TimeoutError) as exc:  # no responder, timeout, reconnecting
            raise ServiceUnavailable(service) from exc
        return RpcReply.model_validate_json(message.data)
