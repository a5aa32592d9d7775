"""The production overlay, rendered as `kustomize build` would (tests/deploy/kustomize.py)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.deploy.kustomize import build

ROOT = Path(__file__).resolve().parents[2]
OVERLAY = ROOT / "deploy" / "k8s" / "overlays" / "production"
README = ROOT / "deploy" / "k8s" / "README.md"
APP_SERVICES = ("census", "location", "notifications", "portal")
PROVISION_JOB = "districte-provision"


@pytest.fixture(scope="module")
def docs() -> list[dict]:
    return build(OVERLAY)


def _of_kind(docs: list[dict], kind: str) -> dict[str, dict]:
    return {doc["metadata"]["name"]: doc for doc in docs if doc["kind"] == kind}


def _pod_spec(workload: dict) -> dict:
    return workload["spec"]["template"]["spec"]


def _config(docs: list[dict]) -> dict[str, str]:
    return _of_kind(docs, "ConfigMap")["districte-config"]["data"]


def _workloads(docs: list[dict]) -> dict[str, dict]:
    return {**_of_kind(docs, "Deployment"), **_of_kind(docs, "Job")}


def _selects(selector: dict, labels: dict) -> bool:
    assert set(selector) <= {"matchLabels"}, "only matchLabels selectors are checked here"
    return selector.get("matchLabels", {}).items() <= labels.items()


def test_every_service_is_deployed(docs):
    assert set(_of_kind(docs, "Deployment")) == set(APP_SERVICES)


@pytest.mark.parametrize("name", APP_SERVICES)
def test_at_least_two_replicas(docs, name):
    deployment = _of_kind(docs, "Deployment")[name]
    target = {"apiVersion": "apps/v1", "kind": "Deployment", "name": name}
    autoscalers = [h for h in _of_kind(docs, "HorizontalPodAutoscaler").values()
                   if h["spec"]["scaleTargetRef"] == target]
    if autoscalers:
        (autoscaler,) = autoscalers
        assert autoscaler["spec"]["minReplicas"] >= 2
        # Both setting it would make every `kubectl apply` reset the autoscaler's choice.
        assert "replicas" not in deployment["spec"], f"{name}: the autoscaler owns the replica count"
    else:
        assert deployment["spec"].get("replicas", 1) >= 2


@pytest.mark.parametrize("name", APP_SERVICES)
def test_a_disruption_budget_keeps_one_pod(docs, name):
    labels = _of_kind(docs, "Deployment")[name]["spec"]["template"]["metadata"]["labels"]
    budgets = [b for b in _of_kind(docs, "PodDisruptionBudget").values()
               if _selects(b["spec"]["selector"], labels)]
    assert len(budgets) == 1, f"{name}: {len(budgets)} PodDisruptionBudgets select it"
    assert budgets[0]["spec"]["minAvailable"] == 1


@pytest.mark.parametrize("name", APP_SERVICES)
def test_probes_resources_and_non_root(docs, name):
    pod = _pod_spec(_of_kind(docs, "Deployment")[name])
    assert pod["securityContext"]["runAsNonRoot"] is True
    for container in pod["containers"]:
        for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
            assert container[probe]["httpGet"]["path"].startswith("/health/"), f"{name}: {probe}"
        assert container["resources"]["requests"] and container["resources"]["limits"]
        assert container["securityContext"]["readOnlyRootFilesystem"] is True


@pytest.mark.parametrize("name", APP_SERVICES)
def test_grace_period_covers_the_pause_and_the_drain(docs, name):
    pod = _pod_spec(_of_kind(docs, "Deployment")[name])
    drain = float(_config(docs).get("DISTRICTE_SHUTDOWN_TIMEOUT_S", 20))
    for container in pod["containers"]:
        command = container["lifecycle"]["preStop"]["exec"]["command"]
        assert command[0] == "sleep"
        assert pod["terminationGracePeriodSeconds"] > drain + float(command[1]), name


@pytest.mark.parametrize("name", APP_SERVICES)
def test_each_service_has_its_own_identity(docs, name):
    (container,) = _pod_spec(_of_kind(docs, "Deployment")[name])["containers"]
    env = {item["name"]: item for item in container.get("env", [])}
    reference = env["DISTRICTE_NATS_NKEY_SEED"]["valueFrom"]["secretKeyRef"]
    assert reference == {"name": f"districte-{name}-nats", "key": "DISTRICTE_NATS_NKEY_SEED"}
    secret_refs = [s["secretRef"]["name"] for s in container["envFrom"] if "secretRef" in s]
    assert secret_refs == [f"districte-{name}"]


def test_services_use_the_provisioned_nats_cluster(docs):
    config = _config(docs)
    assert config["DISTRICTE_NATS_PROVISIONED"] == "true"
    assert config["DISTRICTE_NATS_STREAM_REPLICAS"] == "3"
    for url in config["DISTRICTE_NATS_URL"].split(","):
        assert urlsplit(url).hostname.startswith("nats.districte-nats.svc")


def test_provision_job(docs):
    job = _of_kind(docs, "Job")[PROVISION_JOB]
    assert job["spec"]["backoffLimit"] >= 1 and job["spec"]["ttlSecondsAfterFinished"] > 0
    pod = _pod_spec(job)
    assert pod["restartPolicy"] in ("Never", "OnFailure")
    assert pod["securityContext"]["runAsNonRoot"] is True
    (container,) = pod["containers"]
    assert container["command"] == ["districte", "provision"]
    env = {item["name"]: item for item in container["env"]}
    seed = env["DISTRICTE_NATS_NKEY_SEED"]["valueFrom"]["secretKeyRef"]
    assert seed["name"] == "districte-provisioner-nats"
    assert {"configMapRef": {"name": "districte-config"}} in container["envFrom"]  # same NATS and replicas


def test_migrate_job_runs_each_services_migrations_with_its_own_database_only(docs):
    job = _of_kind(docs, "Job")["districte-migrate"]
    assert job["spec"]["backoffLimit"] >= 1 and job["spec"]["ttlSecondsAfterFinished"] > 0
    containers = {c["name"]: c for c in _pod_spec(job)["containers"]}
    assert set(containers) == set(APP_SERVICES)
    for name, container in containers.items():
        assert container["command"] == ["districte", "migrate", name]
        assert container["envFrom"] == [{"secretRef": {"name": f"districte-{name}"}}]
        assert container["securityContext"]["readOnlyRootFilesystem"] is True


def test_one_pinned_image_everywhere(docs):
    images = {c["image"] for w in _workloads(docs).values() for c in _pod_spec(w)["containers"]}
    assert len(images) == 1, images
    (image,) = images
    assert not image.endswith(":latest") and ":" in image.rsplit("/", 1)[-1]


# --- exposure: Ingress, autoscaler, network policies ----------------------------------------


def test_only_the_portal_is_exposed_and_autoscaled(docs):
    ingresses, autoscalers = _of_kind(docs, "Ingress"), _of_kind(docs, "HorizontalPodAutoscaler")
    assert set(ingresses) == {"portal"} and set(autoscalers) == {"portal"}
    assert autoscalers["portal"]["apiVersion"] == "autoscaling/v2"
    for rule in ingresses["portal"]["spec"]["rules"]:
        for path in rule["http"]["paths"]:
            assert path["backend"]["service"]["name"] == "portal"


def test_ingress_serves_the_public_url_over_tls(docs):
    ingress = _of_kind(docs, "Ingress")["portal"]
    public = urlsplit(_config(docs)["DISTRICTE_PUBLIC_URL"])
    assert public.scheme == "https"
    assert [rule["host"] for rule in ingress["spec"]["rules"]] == [public.hostname]
    assert any(public.hostname in tls["hosts"] and tls["secretName"] for tls in ingress["spec"]["tls"])


def test_portal_trusts_the_proxy_headers(docs):
    (container,) = _pod_spec(_of_kind(docs, "Deployment")["portal"])["containers"]
    assert {"name": "FORWARDED_ALLOW_IPS", "value": "*"} in container["env"]


def _policies(docs: list[dict], labels: dict) -> list[dict]:
    return [p for p in _of_kind(docs, "NetworkPolicy").values() if _selects(p["spec"]["podSelector"], labels)]


def _egress_ports(policies: list[dict]) -> set[int]:
    return {port["port"] for policy in policies for rule in policy["spec"].get("egress", [])
            for port in rule.get("ports", [])}


def test_everything_is_denied_by_default(docs):
    deny = _of_kind(docs, "NetworkPolicy")["default-deny"]["spec"]
    assert deny == {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}


@pytest.mark.parametrize("name", (*APP_SERVICES, PROVISION_JOB))
def test_network_policy_of_each_workload(docs, name):
    labels = _workloads(docs)[name]["spec"]["template"]["metadata"]["labels"]
    policies = _policies(docs, labels)
    own = [p for p in policies if p["spec"]["podSelector"] != {}]
    assert len(own) == 1, f"{name}: expected one policy of its own, found {len(own)}"
    nats = {"kubernetes.io/metadata.name": "districte-nats"}
    assert any(peer.get("namespaceSelector", {}).get("matchLabels") == nats
               for rule in own[0]["spec"]["egress"] for peer in rule.get("to", [])
               if {"protocol": "TCP", "port": 4222} in rule["ports"]), f"{name}: no NATS egress"
    expected = {53, 4222} | ({5432} if name != PROVISION_JOB else set()) | {
        "notifications": {25, 465, 587, 443}, "portal": {443}}.get(name, set())
    assert _egress_ports(policies) == expected, name
    ingress_rules = [rule for p in policies for rule in p["spec"].get("ingress", [])]
    if name == "portal":
        (rule,) = ingress_rules
        assert rule["ports"] == [{"protocol": "TCP", "port": 8000}]
        assert [peer["namespaceSelector"]["matchLabels"] for peer in rule["from"]] == [
            {"kubernetes.io/metadata.name": "ingress-nginx"}]
    else:
        assert not ingress_rules, f"{name} accepts no connections"


@pytest.mark.parametrize("name", APP_SERVICES)
def test_database_egress_is_one_address(docs, name):
    (policy,) = [p for p in _of_kind(docs, "NetworkPolicy").values() if p["metadata"]["name"] == name]
    rules = [r for r in policy["spec"]["egress"] if {"protocol": "TCP", "port": 5432} in r.get("ports", [])]
    assert len(rules) == 1 and [list(peer) for peer in rules[0]["to"]] == [["ipBlock"]]
    assert rules[0]["to"][0]["ipBlock"]["cidr"].endswith("/32")


def test_public_https_excludes_private_networks(docs):
    for name in ("notifications", "portal"):
        policy = _of_kind(docs, "NetworkPolicy")[name]
        for rule in policy["spec"]["egress"]:
            if {"protocol": "TCP", "port": 443} in rule.get("ports", []):
                for peer in rule["to"]:
                    excluded = peer["ipBlock"]["except"]
                    assert "10.0.0.0/8" in excluded or "fc00::/7" in excluded


# --- secrets ---------------------------------------------------------------------------------


def test_no_secret_values_are_committed(docs):
    for secret in _of_kind(docs, "Secret").values():
        assert not secret.get("data") and not secret.get("stringData"), secret["metadata"]["name"]
    text = "\n".join(p.read_text() for p in OVERLAY.rglob("*.yaml"))
    assert not re.search(r"\bS[UAONCP][A-Z2-7]{50,}\b", text), "an NKey seed"
    assert "PRIVATE KEY" not in text


def test_every_referenced_secret_is_documented(docs):
    documented = set(re.findall(r"`(districte-[a-z-]+)`", README.read_text()))
    referenced = set()
    for workload in _workloads(docs).values():
        for container in _pod_spec(workload)["containers"]:
            referenced |= {s["secretRef"]["name"] for s in container.get("envFrom", []) if "secretRef" in s}
            referenced |= {e["valueFrom"]["secretKeyRef"]["name"] for e in container.get("env", [])
                           if "secretKeyRef" in e.get("valueFrom", {})}
    referenced |= {tls["secretName"] for i in _of_kind(docs, "Ingress").values() for tls in i["spec"]["tls"]}
    assert referenced and referenced <= documented, f"not in {README.name}: {sorted(referenced - documented)}"
