"""The durable consumers of the census service."""

from __future__ import annotations

from shared.messaging.partner_ingest import partner_spec

# Companies published by partner systems (the activity-licence register, the comarca's census).
PARTNER_COMPANIES = partner_spec("census-ingest", "EmpresaExterna")
