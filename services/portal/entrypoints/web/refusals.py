"""A service's refusal of what a form sent, shown beside the fields it names.

The portal checks what it can before calling; a rule only the service knows (an unknown CNAE class,
a cadastral reference's check letters, a NIF already in that estate) comes back as its reasons, in
Catalan, by field — under "_" when it names none."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from services.portal.entrypoints.http.dependencies import PortalContext, call
from services.portal.entrypoints.http.errors import ApiError

GENERAL = "_"


async def call_or_reasons(ctx: PortalContext, service: str, name: str,
                          request: BaseModel | dict[str, Any]) -> tuple[Any, dict[str, str]]:
    """(the result, {}) or (None, the reasons by form field) for a 409 or 422; anything else raises."""
    try:
        return await call(ctx, service, name, request), {}
    except ApiError as refused:
        if refused.status not in (409, 422):
            raise
        reasons = {e.camp.replace(".", "_"): e.motiu for e in refused.errors or []}
        return None, reasons or {GENERAL: refused.detail}
