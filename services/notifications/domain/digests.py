"""When a digest goes out: at the recipient's hour, Catalan time, the next day or the next Monday."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from shared.i18n import LOCAL

__all__ = ["LOCAL", "digest_due"]
DEFAULT_HOUR = 8


def digest_due(oldest: datetime, frequencia: str, hora: int = DEFAULT_HOUR) -> datetime:
    """The moment the digest holding an item that arrived at ``oldest`` is sent (UTC)."""
    local = oldest.astimezone(LOCAL)
    due = datetime.combine(local.date(), time(hora, 0), tzinfo=LOCAL)
    if due <= local:
        due += timedelta(days=1)  # aware arithmetic keeps the wall clock: the same hour across DST too
    if frequencia == "setmanal":
        due += timedelta(days=(7 - due.weekday()) % 7)
    return due.astimezone(UTC)
