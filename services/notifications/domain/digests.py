"""When a digest of leads goes out: 8:00 Catalan time, the next day or the next Monday."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

LOCAL = ZoneInfo("Europe/Madrid")
SEND_AT = time(8, 0)


def digest_due(oldest: datetime, frequencia: str) -> datetime:
    """The moment the digest holding a lead that arrived at ``oldest`` is sent (UTC)."""
    local = oldest.astimezone(LOCAL)
    due = datetime.combine(local.date(), SEND_AT, tzinfo=LOCAL)
    if due <= local:
        due += timedelta(days=1)  # aware arithmetic keeps the wall clock: 8:00 across DST too
    if frequencia == "setmanal":
        due += timedelta(days=(7 - due.weekday()) % 7)
    return due.astimezone(UTC)
