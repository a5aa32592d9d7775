"""Audit entries: each change to a company's record, by whom (the portal's caller, carried in the
RPC's header; "sistema" for what no person asked) and when. Staff read them; people change them never."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

from shared.observability.correlation import current_actor

Accio = Literal["registre", "modificacio", "confirmacio", "trasllat", "baixa", "importacio", "fusio",
                "desfer_fusio", "contacte_alta", "contacte_exportacio", "contacte_supressio",
                "revisio_sollicitada"]
SYSTEM = "sistema"


def entry(empresa_id: object, accio: Accio, detall: dict[str, Any], qui: str | None = None) -> dict[str, Any]:
    return {"empresa_id": str(empresa_id), "moment": datetime.now(UTC), "qui": qui or current_actor.get() or SYSTEM,
            "accio": accio, "detall": detall}
