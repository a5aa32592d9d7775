"""deploy/k8s/overlays/production/nats-values.yaml against the NATS Helm chart's own values.yaml.

Helm ignores a key the chart does not read, silently: every key path of ours must exist in
the chart's values (a vendored copy, tests/deploy/schemas/README.md), except below the chart's
free-form maps (`merge`, `patch`, and those whose default is an empty map, such as `env`).
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
VALUES = ROOT / "deploy" / "k8s" / "overlays" / "production" / "nats-values.yaml"
CHART_VALUES = Path(__file__).parent / "schemas" / "nats-chart-values.yaml"
FREE_FORM = {"merge", "patch"}
CHART_CONFIG_DIR = "/etc/nats-config"  # where the chart mounts nats.conf, which resolves $include


@pytest.fixture(scope="module")
def values() -> dict:
    return yaml.safe_load(VALUES.read_text())


def _unknown_keys(ours: dict, chart: Any, path: str = "") -> list[str]:
    unknown = []
    for key, value in ours.items():
        here = f"{path}.{key}" if path else key
        if not isinstance(chart, dict) or key not in chart:
            unknown.append(here)
        elif key in FREE_FORM or chart[key] == {}:
            continue
        elif isinstance(value, dict):
            unknown += _unknown_keys(value, chart[key], here)
    return unknown


def test_every_key_exists_in_the_chart(values):
    chart = yaml.safe_load(CHART_VALUES.read_text())
    assert _unknown_keys(values, chart) == []


def test_key_check_notices_a_misspelt_key():
    chart = yaml.safe_load(CHART_VALUES.read_text())
    assert _unknown_keys({"config": {"jetstream": {"fileStorage": {"enabled": True}}}}, chart) == [
        "config.jetstream.fileStorage"]


def test_three_jetstream_servers_on_persistent_volumes(values):
    config = values["config"]
    assert config["cluster"]["enabled"] is True and config["cluster"]["replicas"] == 3
    jetstream = config["jetstream"]
    assert jetstream["enabled"] is True
    assert jetstream["fileStore"]["enabled"] is True and jetstream["fileStore"]["pvc"]["enabled"] is True


def test_stream_copies_fit_in_the_cluster(values):
    overlay_config = yaml.safe_load((VALUES.parent / "patches" / "config.yaml").read_text())["data"]
    assert int(overlay_config["DISTRICTE_NATS_STREAM_REPLICAS"]) <= values["config"]["cluster"]["replicas"]


def test_one_server_per_node(values):
    affinity = values["podTemplate"]["merge"]["spec"]["affinity"]["podAntiAffinity"]
    (term,) = affinity["requiredDuringSchedulingIgnoredDuringExecution"]
    assert term["topologyKey"] == "kubernetes.io/hostname"
    expressions = {e["key"]: e for e in term["labelSelector"]["matchExpressions"]}
    assert expressions["app.kubernetes.io/name"]["values"] == ["nats"]


def _seconds(duration: str) -> int:
    number, unit = re.fullmatch(r"(\d+)([sm])", duration).groups()
    return int(number) * (60 if unit == "m" else 1)


def test_lame_duck_fits_in_the_grace_period(values):
    merge = values["config"]["merge"]
    lame_duck = _seconds(merge["lame_duck_duration"]) + _seconds(merge["lame_duck_grace_period"])
    assert values["podTemplate"]["merge"]["spec"]["terminationGracePeriodSeconds"] > lame_duck


def test_monitoring_is_on(values):
    assert values["config"]["monitor"]["enabled"] is True
    assert values["promExporter"]["enabled"] is True


def test_users_come_from_the_auth_secret(values):
    include = values["config"]["merge"]["$include"]
    path = posixpath.normpath(posixpath.join(CHART_CONFIG_DIR, include))
    (mount,) = [p["value"] for p in values["container"]["patch"] if p["path"] == "/volumeMounts/-"]
    assert path == f"{mount['mountPath']}/auth.conf"
    (volume,) = [p["value"] for p in values["podTemplate"]["patch"] if p["path"] == "/spec/volumes/-"]
    assert volume["name"] == mount["name"]
    secret = volume["secret"]["secretName"]
    readme = (ROOT / "deploy" / "k8s" / "README.md").read_text()
    assert f"secret generic {secret} --from-file=auth.conf=" in readme
    # The reloader follows only mounts below these prefixes.
    chart = yaml.safe_load(CHART_VALUES.read_text())
    prefixes = chart["reloader"]["natsVolumeMountPrefixes"]
    assert any(mount["mountPath"].startswith(prefix) for prefix in prefixes)


def test_same_nats_version_as_docker_compose(values):
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    image = values["container"]["image"]
    assert compose["services"]["nats"]["image"] == f"{image['repository']}:{image['tag']}"
