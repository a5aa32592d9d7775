"""The correlation id of the request or message being handled, carried across services.

The portal starts one per HTTP request (or takes the caller's ``X-Correlation-ID``);
RPC calls carry it in a header; events carry it in the envelope's ``correlationid``.
"""

from __future__ import annotations

from contextvars import ContextVar

HEADER = "X-Correlation-ID"

current_correlation_id: ContextVar[str | None] = ContextVar("correlation_id", default=None)
