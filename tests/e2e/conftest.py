"""End-to-end tests run the real service processes: they kill and restart them, and the broker."""

import pytest

pytestmark = pytest.mark.slow
