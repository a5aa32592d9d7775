"""The correlation id of the request or message being handled, carried across services.

The portal starts one per HTTP request (or takes the caller's ``X-Correlation-ID``);
RPC calls carry it in a header; events carry it in the envelope's ``correlationid``.
"""

from __future__ import annotations

from contextvars import ContextVar

HEADER = "X-Correlation-ID"

current_correlation_id: ContextVar[str | None] = ContextVar("correlation_id", default=None)

# Who asked (the portal's authenticated caller, by the name on their token): services record it in
# their audit trails. It travels in an RPC header, never in a command's body, so no client can set it.
ACTOR_HEADER = "X-Districte-Actor"
current_actor: ContextVar[str | None] = ContextVar("actor", default=None)
