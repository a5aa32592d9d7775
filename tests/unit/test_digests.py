"""Digests go out at the chosen hour (8:00 by default), Catalan time: the next day, or the next
Monday; across DST too."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.notifications.domain.digests import digest_due


@pytest.mark.parametrize(("arrived", "frequencia", "due"), [
    (datetime(2026, 11, 29, 10, 0, tzinfo=UTC), "diaria", datetime(2026, 11, 30, 7, 0, tzinfo=UTC)),
    (datetime(2026, 11, 30, 6, 0, tzinfo=UTC), "diaria", datetime(2026, 11, 30, 7, 0, tzinfo=UTC)),
    (datetime(2026, 11, 30, 7, 0, tzinfo=UTC), "diaria", datetime(2026, 12, 1, 7, 0, tzinfo=UTC)),
    (datetime(2026, 11, 29, 10, 0, tzinfo=UTC), "setmanal", datetime(2026, 11, 30, 7, 0, tzinfo=UTC)),
    (datetime(2026, 11, 30, 8, 0, tzinfo=UTC), "setmanal", datetime(2026, 12, 7, 7, 0, tzinfo=UTC)),
    # The night clocks go forward (29 March 2026): 8:00 is then 6:00 UTC.
    (datetime(2026, 3, 28, 12, 0, tzinfo=UTC), "diaria", datetime(2026, 3, 29, 6, 0, tzinfo=UTC)),
])
def test_the_digest_is_due_at_eight_local_time(arrived: datetime, frequencia: str, due: datetime) -> None:
    assert digest_due(arrived, frequencia) == due


@pytest.mark.parametrize(("arrived", "hora", "due"), [
    # 18:00 in winter is 17:00 UTC; in summer 16:00 UTC.
    (datetime(2026, 11, 30, 9, 0, tzinfo=UTC), 18, datetime(2026, 11, 30, 17, 0, tzinfo=UTC)),
    (datetime(2026, 7, 1, 17, 0, tzinfo=UTC), 18, datetime(2026, 7, 2, 16, 0, tzinfo=UTC)),
    # The night clocks go back (25 October 2026): midnight local is 22:00 UTC before, 23:00 after.
    (datetime(2026, 10, 24, 23, 0, tzinfo=UTC), 0, datetime(2026, 10, 25, 23, 0, tzinfo=UTC)),
])
def test_the_digest_is_due_at_the_chosen_hour(arrived: datetime, hora: int, due: datetime) -> None:
    assert digest_due(arrived, "diaria", hora) == due
