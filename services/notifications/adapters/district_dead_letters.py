"""How many dead letters wait in each service, asked over the services' own admin RPC."""

from __future__ import annotations

import structlog

from shared.messaging.dead_letter_admin import LlistarDeadLetters
from shared.messaging.rpc import RpcClient, ServiceUnavailable
from shared.messaging.topology import OWNERS

log = structlog.get_logger(__name__)


async def waiting_dead_letters(rpc: RpcClient) -> dict[str, int]:
    """Dead letters not yet replayed, per service that answered."""
    waiting = {}
    for service in OWNERS:
        try:
            reply = await rpc.call(service, "admin.LlistarDeadLetters", LlistarDeadLetters())
        except ServiceUnavailable:
            log.info("dead_letters_unknown", service=service)
            continue
        if reply.ok:
            waiting[service] = len(reply.result)
    return waiting
