"""A bad setting stops start-up with a message naming the variable."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize(("variable", "value"), [
    ("DISTRICTE_NATS_URL", "http://localhost:4222"),
    ("DISTRICTE_DATABASE_URL", "mysql://db/x"),
    ("DISTRICTE_LOG_FORMAT", "xml"),
    ("DISTRICTE_HEALTH_PORT", "-1"),
])
def test_a_bad_value_stops_start_up_naming_the_variable(variable: str, value: str) -> None:
    result = subprocess.run([sys.executable, "-m", "services.location"], env={variable: value},
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert variable in result.stderr


def test_the_notifications_service_checks_its_own_settings() -> None:
    result = subprocess.run([sys.executable, "-m", "services.notifications"],
                            env={"DISTRICTE_SMTP_URL": "mail.example:25"},
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "DISTRICTE_SMTP_URL" in result.stderr
