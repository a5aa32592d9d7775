"""Request-reply envelope between the portal and the services (core NATS, ``districte.rpc.>``).

Commands and queries are not stored in a stream: a command's effects are durable in the
service's database and announced by its events. Subjects live outside every stream so a
stream never answers a request with a PubAck.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from shared.errors import FieldError

RPC_ROOT = "districte.rpc"


def rpc_subject(service: str, name: str) -> str:
    return f"{RPC_ROOT}.{service}.{name}"


class RpcError(BaseModel):
    status: int
    codi: str
    missatge: str
    errors: list[FieldError] = []


class RpcReply(BaseModel):
    ok: bool
    result: Any = None
    error: RpcError | None = None
