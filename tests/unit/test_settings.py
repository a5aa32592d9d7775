"""A bad setting stops start-up with a message naming the variable."""

from __future__ import annotations

import subprocess
import sys

import pytest

from shared.settings import ServiceSettings, load_settings


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


@pytest.mark.parametrize(("variables", "named"), [
    ({"DISTRICTE_NATS_NKEY_SEED": "UDPDOCLX7JF77CKGDKEY4NQM63IKUSKZDBSRS3IGZK6AIBTONLRL656Q"}, "SU"),  # a public key
    ({"DISTRICTE_NATS_STREAM_REPLICAS": "7"}, "NATS_STREAM_REPLICAS"),
    ({"DISTRICTE_NATS_TLS_CERT": "/etc/nats/client.crt"}, "DISTRICTE_NATS_TLS_KEY"),
])
def test_nats_identity_settings_are_checked(monkeypatch: pytest.MonkeyPatch, variables: dict[str, str],
                                            named: str) -> None:
    for variable, value in variables.items():
        monkeypatch.setenv(variable, value)
    with pytest.raises(SystemExit) as stopped:
        load_settings(ServiceSettings)
    assert named in str(stopped.value)


def test_a_seed_read_from_a_file_keeps_no_newline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISTRICTE_NATS_NKEY_SEED", "SUAMK2FG4MI6UE3ACF3FK3OIQBCEIEZV7NSWFFEW63UXMRLFM2XLAXK4GY\n")
    assert load_settings(ServiceSettings).nats_nkey_seed.get_secret_value().endswith("GY")
