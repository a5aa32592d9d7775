"""docker-compose.yml: valid against the Compose Specification, and wired the way the stack needs.

The schema is a vendored copy (tests/deploy/schemas/README.md), so this runs offline.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
SCHEMA_FILE = Path(__file__).parent / "schemas" / "compose-spec.json"

APP_SERVICES = ("census", "location", "notifications", "portal")
ONE_SHOTS = ("nats-config", "provision", "db-init")
CREDENTIALS_VOLUME = "nats-credentials"
SEED_DIRECTORY = "/run/nats"  # where each app service and `provision` find their own nkey.seed
SHUTDOWN_TIMEOUT_S = 20  # DISTRICTE_SHUTDOWN_TIMEOUT_S's default (shared/settings.py)
# Compose interpolation: ${VAR}, ${VAR:-default}, ${VAR:?message}.
INTERPOLATION = re.compile(r"\$\{([A-Z0-9_]+)(?::?[-?][^}]*)?\}")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text())


def _mounts(service: dict) -> list[dict]:
    """Volume mounts in the long syntax, whichever syntax the file uses."""
    mounts = []
    for entry in service.get("volumes", []):
        if isinstance(entry, str):
            source, target, *mode = entry.split(":")
            entry = {"type": "volume", "source": source, "target": target, "read_only": mode == ["ro"]}
        mounts.append(entry)
    return mounts


def _credential_mounts(service: dict) -> list[dict]:
    return [m for m in _mounts(service) if m.get("source") == CREDENTIALS_VOLUME]


def _seconds(duration: str) -> float:
    units = {"h": 3600, "m": 60, "s": 1, "ms": 0.001}
    return sum(float(n) * units[u] for n, u in re.findall(r"(\d+(?:\.\d+)?)(ms|h|m|s)", duration))


def _image_data_dir() -> str:
    (value,) = re.findall(r"DISTRICTE_DATA_DIR=(\S+)", (ROOT / "Dockerfile").read_text())
    return value


# --- the Compose Specification -----------------------------------------------------------


def test_compose_file_matches_the_compose_specification(compose):
    schema = json.loads(SCHEMA_FILE.read_text())
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(compose), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors)


def test_compose_schema_rejects_what_compose_would():
    # Guards against a vacuous pass (an empty or truncated schema accepts anything).
    schema = json.loads(SCHEMA_FILE.read_text())
    bad = {"services": {"x": {"image": "nats", "depends_on": {"y": {"condition": "started"}}}}}
    assert not jsonschema.Draft7Validator(schema).is_valid(bad)
    assert not jsonschema.Draft7Validator(schema).is_valid({"services": {"x": {"imagee": "nats"}}})


# --- start order ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ONE_SHOTS)
def test_one_shots_run_once(compose, name):
    assert compose["services"][name].get("restart") == "no", f"{name} must not be restarted once it exits"


def test_nats_starts_from_the_generated_configuration(compose):
    nats, config = compose["services"]["nats"], compose["services"]["nats-config"]
    assert nats["depends_on"]["nats-config"]["condition"] == "service_completed_successfully"
    (written_by_config,) = _credential_mounts(config)
    (read_by_nats,) = _credential_mounts(nats)
    assert written_by_config["target"] in " ".join(config["command"]), "nats-config writes elsewhere"
    assert not written_by_config.get("volume", {}).get("subpath")
    assert nats["command"] == ["-c", f"{read_by_nats['target']}/nats-server.conf"]
    assert read_by_nats.get("read_only") is True
    # Otherwise the nats image's own /etc/nats would be copied into a still-empty volume.
    assert read_by_nats.get("volume", {}).get("nocopy") is True


def test_nats_keeps_its_store_and_reports_health(compose):
    nats = compose["services"]["nats"]
    assert any(m["target"] == "/data" and m["type"] == "volume" for m in _mounts(nats)), "JetStream store"
    assert "8222" in " ".join(nats["healthcheck"]["test"])


def test_provision_runs_after_nats_with_the_provisioner_identity(compose):
    provision = compose["services"]["provision"]
    assert provision["depends_on"]["nats"]["condition"] == "service_healthy"
    assert provision["command"] == ["districte", "provision"]
    (mount,) = _credential_mounts(provision)
    assert mount["volume"]["subpath"] == "provisioner"


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_service_waits_for_every_one_shot(compose, name):
    depends_on = compose["services"][name]["depends_on"]
    assert depends_on["provision"]["condition"] == "service_completed_successfully"
    assert depends_on["db-init"]["condition"] == "service_completed_successfully"
    assert depends_on["postgres"]["condition"] == "service_healthy"
    assert depends_on["nats"]["condition"] == "service_healthy"


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_service_has_time_to_drain(compose, name):
    grace = compose["services"][name].get("stop_grace_period", "10s")  # Compose's default
    assert _seconds(grace) > SHUTDOWN_TIMEOUT_S


# --- NATS identities -----------------------------------------------------------------------


@pytest.mark.parametrize("name", (*APP_SERVICES, "provision"))
def test_each_identity_mounts_only_its_own_credentials(compose, name):
    service = compose["services"][name]
    mounts = _credential_mounts(service)
    assert len(mounts) == 1, f"{name} must mount the credentials volume exactly once"
    (mount,) = mounts
    assert mount["volume"]["subpath"] == ("provisioner" if name == "provision" else name)
    assert mount["target"] == SEED_DIRECTORY
    assert mount.get("read_only") is True
    # The seed reaches the process as DISTRICTE_NATS_NKEY_SEED, read from that mount.
    entrypoint = " ".join(service["entrypoint"])
    assert f"DISTRICTE_NATS_NKEY_SEED=\"$$(cat {SEED_DIRECTORY}/nkey.seed)\"" in entrypoint
    assert "export DISTRICTE_NATS_NKEY_SEED" in entrypoint


def test_only_nats_and_the_identities_see_the_credentials(compose):
    users = {name for name, service in compose["services"].items() if _credential_mounts(service)}
    assert users == {"nats-config", "nats", "provision", *APP_SERVICES}


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_service_uses_provisioned_streams(compose, name):
    environment = compose["services"][name]["environment"]
    assert environment["DISTRICTE_NATS_PROVISIONED"] == "true"
    assert environment["DISTRICTE_NATS_STREAM_REPLICAS"] == "1"  # one server
    assert environment["DISTRICTE_NATS_URL"] == "nats://nats:4222"


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_service_keeps_its_data_directory(compose, name):
    targets = {m["target"]: m for m in _mounts(compose["services"][name])}
    mount = targets.get(_image_data_dir())
    assert mount and mount["type"] == "volume" and mount["source"] == f"{name}-data"


# --- databases and secrets -----------------------------------------------------------------


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_service_logs_in_with_its_own_role(compose, name):
    url = compose["services"][name]["environment"]["DISTRICTE_DATABASE_URL"]
    user, password = re.match(r"postgresql\+asyncpg://([^:]+):([^@]+)@", url).groups()
    assert user == name
    # The same variable gives db-init the role's password.
    (variable,) = INTERPOLATION.fullmatch(password).groups()
    db_init = compose["services"]["db-init"]
    assert db_init["environment"][variable] == password
    assert f"{name} $${variable}" in db_init["command"][0]


def test_db_init_gives_each_database_to_its_role_only(compose):
    script = compose["services"]["db-init"]["command"][0]
    statements = ("CREATE ROLE %I LOGIN", "CREATE DATABASE %I OWNER %I",
                  'ALTER DATABASE :"name" OWNER TO :"name"', 'REVOKE ALL ON DATABASE :"name" FROM PUBLIC')
    for statement in statements:
        assert statement in script


def test_no_secret_is_written_in_the_file(compose):
    text = COMPOSE_FILE.read_text()
    assert not re.search(r"\bS[UAONCP][A-Z2-7]{50,}\b", text), "an NKey seed"
    assert "PRIVATE KEY" not in text
    for name, service in compose["services"].items():
        for key, value in (service.get("environment") or {}).items():
            if re.search(r"PASSWORD|TOKEN|SECRET|SEED|_KEY$", key):
                assert INTERPOLATION.fullmatch(str(value)), f"{name}: {key} must come from a variable"
            if "://" in str(value) and "@" in str(value):
                credentials = str(value).split("://", 1)[1].split("@", 1)[0]
                assert INTERPOLATION.search(credentials), f"{name}: {key} has a literal password"
