"""Static checks of the deployment manifests (docker-compose and the kustomize base)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
K8S_BASE = ROOT / "deploy" / "k8s" / "base"

APP_SERVICES = ("census", "location", "notifications", "portal")


def _environment(service: dict) -> dict[str, str]:
    """Compose accepts `environment` as a mapping or as a list of KEY=VALUE."""
    env = service.get("environment") or {}
    if isinstance(env, list):
        return dict(item.split("=", 1) for item in env)
    return {key: str(value) for key, value in env.items()}


def _k8s_files() -> list[Path]:
    return sorted(K8S_BASE.glob("*.y*ml"))


def _k8s_documents() -> list[tuple[Path, dict]]:
    return [
        (path, doc)
        for path in _k8s_files()
        for doc in yaml.safe_load_all(path.read_text())
        if doc is not None
    ]


def _kustomization() -> dict:
    return yaml.safe_load((K8S_BASE / "kustomization.yaml").read_text())


def _base_resources() -> list[tuple[Path, dict]]:
    """Documents that kustomize would emit (everything except the kustomization)."""
    return [(p, d) for p, d in _k8s_documents() if d.get("kind") != "Kustomization"]


def _of_kind(kind: str) -> list[dict]:
    return [doc for _, doc in _base_resources() if doc["kind"] == kind]


# --- docker-compose --------------------------------------------------------------


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text())


def test_compose_defines_every_app_service(compose):
    missing = set(APP_SERVICES) - set(compose["services"])
    assert not missing, f"services missing from docker-compose.yml: {sorted(missing)}"


@pytest.mark.parametrize("name", APP_SERVICES)
def test_compose_app_service_has_healthcheck(compose, name):
    healthcheck = compose["services"][name].get("healthcheck")
    assert healthcheck and healthcheck.get("test"), f"{name} has no healthcheck"
    assert "/health/ready" in " ".join(healthcheck["test"])


@pytest.mark.parametrize("name", APP_SERVICES)
def test_compose_app_service_waits_for_healthy_nats(compose, name):
    depends_on = compose["services"][name].get("depends_on")
    assert isinstance(depends_on, dict), f"{name}: depends_on must use the long form with conditions"
    assert depends_on.get("nats", {}).get("condition") == "service_healthy"


@pytest.mark.parametrize("name", APP_SERVICES)
def test_compose_app_service_uses_its_own_database(compose, name):
    url = _environment(compose["services"][name]).get("DISTRICTE_DATABASE_URL", "")
    assert url.startswith("postgresql+asyncpg://"), f"{name}: unexpected database URL {url!r}"
    assert url.rsplit("/", 1)[-1] == name, f"{name} must use database {name!r}, got {url!r}"


def test_compose_db_init_creates_every_app_database(compose):
    script = " ".join(compose["services"]["db-init"]["command"])
    for name in APP_SERVICES:
        assert name in script, f"db-init does not create database {name!r}"


# --- kustomize base --------------------------------------------------------------


def test_k8s_base_has_manifests():
    assert (K8S_BASE / "kustomization.yaml").is_file()
    assert _of_kind("Deployment"), "no Deployment found in the base"


@pytest.mark.parametrize("path", _k8s_files(), ids=lambda p: p.name)
def test_k8s_documents_have_identity(path):
    docs = [d for d in yaml.safe_load_all(path.read_text()) if d is not None]
    assert docs, f"{path.name} is empty"
    for doc in docs:
        assert doc.get("apiVersion"), f"{path.name}: document without apiVersion"
        assert doc.get("kind"), f"{path.name}: document without kind"
        # A Kustomization is the only kind that legitimately has no name.
        if doc["kind"] != "Kustomization":
            assert (doc.get("metadata") or {}).get("name"), f"{path.name}: {doc['kind']} without metadata.name"


def test_k8s_kustomization_resources_exist():
    resources = _kustomization().get("resources") or []
    assert resources, "kustomization.yaml lists no resources"
    missing = [r for r in resources if not (K8S_BASE / r).exists()]
    assert not missing, f"resources listed but missing: {missing}"


def test_k8s_every_manifest_is_listed_in_kustomization():
    listed = set(_kustomization().get("resources") or [])
    orphans = {p.name for p in _k8s_files()} - listed - {"kustomization.yaml"}
    assert not orphans, f"manifests not referenced by kustomization.yaml: {sorted(orphans)}"


def test_k8s_one_deployment_and_service_per_app():
    assert sorted(d["metadata"]["name"] for d in _of_kind("Deployment")) == sorted(APP_SERVICES)
    assert sorted(s["metadata"]["name"] for s in _of_kind("Service")) == sorted(APP_SERVICES)


@pytest.mark.parametrize("name", APP_SERVICES)
def test_k8s_deployment_probes_and_resources(name):
    (deployment,) = [d for d in _of_kind("Deployment") if d["metadata"]["name"] == name]
    for container in deployment["spec"]["template"]["spec"]["containers"]:
        cname = f"{name}/{container['name']}"
        assert container["livenessProbe"]["httpGet"]["path"] == "/health/live", cname
        assert container["readinessProbe"]["httpGet"]["path"] == "/health/ready", cname
        resources = container.get("resources") or {}
        assert resources.get("requests") and resources.get("limits"), f"{cname}: requests and limits required"


@pytest.mark.parametrize("name", APP_SERVICES)
def test_k8s_deployment_runs_as_non_root_with_read_only_root(name):
    (deployment,) = [d for d in _of_kind("Deployment") if d["metadata"]["name"] == name]
    pod = deployment["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    tmp_volumes = {v["name"] for v in pod.get("volumes", []) if "emptyDir" in v}
    for container in pod["containers"]:
        assert container["securityContext"]["readOnlyRootFilesystem"] is True
        mounts = {m["mountPath"]: m["name"] for m in container.get("volumeMounts", [])}
        assert mounts.get("/tmp") in tmp_volumes, f"{name}: /tmp must be an emptyDir"


def test_k8s_config_map_references_resolve():
    config_maps = {c["metadata"]["name"] for c in _of_kind("ConfigMap")}
    for deployment in _of_kind("Deployment"):
        for container in deployment["spec"]["template"]["spec"]["containers"]:
            for source in container.get("envFrom", []):
                if "configMapRef" in source:
                    assert source["configMapRef"]["name"] in config_maps


def test_k8s_services_select_a_deployment():
    pod_labels = [d["spec"]["template"]["metadata"]["labels"] for d in _of_kind("Deployment")]
    for service in _of_kind("Service"):
        selector = service["spec"]["selector"]
        assert any(selector.items() <= labels.items() for labels in pod_labels), (
            f"Service {service['metadata']['name']} selects no Deployment"
        )
