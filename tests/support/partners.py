"""What a partner system publishes on ``districte.ingest.<partner>.<Name>.v1`` (see docs/partners.md)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import orjson


def partner_subject(partner: str, name: str) -> str:
    return f"districte.ingest.{partner}.{name}.v1"


def partner_envelope(partner: str, name: str, reference: str, data: dict[str, Any]) -> bytes:
    return orjson.dumps({"specversion": "1.0", "id": str(uuid.uuid4()), "source": f"https://{partner}.example",
                         "type": partner_subject(partner, name), "time": datetime.now(UTC).isoformat(),
                         "subject": reference, "datacontenttype": "application/json", "data": data,
                         "correlationid": str(uuid.uuid4())})
