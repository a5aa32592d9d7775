"""What open data publishes of a company's headcount."""

from __future__ import annotations

import pytest

from services.census.domain.open_data import headcount_band


@pytest.mark.parametrize(("staff", "band"), [(None, None), (0, "0-9"), (9, "0-9"), (10, "10-49"), (49, "10-49"),
                                             (50, "50-249"), (249, "50-249"), (250, "250+")])
def test_headcounts_are_published_as_the_eu_size_classes(staff: int | None, band: str | None) -> None:
    assert headcount_band(staff) == band
