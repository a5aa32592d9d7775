"""Every document of the base and of the production overlay, as rendered, against the Kubernetes
API schemas of two versions (the `kubernetes-validate` package ships them: offline).

Strict: a field the API does not know (a typo, a field at the wrong level) fails too.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

from tests.deploy.kustomize import Unsupported, build, resource_id

ROOT = Path(__file__).resolve().parents[2]
KUSTOMIZATIONS = {
    "base": ROOT / "deploy" / "k8s" / "base",
    "production": ROOT / "deploy" / "k8s" / "overlays" / "production",
}
# The oldest Kubernetes still commonly run, and the newest the package knows.
VERSIONS = ("1.30.0", kubernetes_validate.latest_version())


def _cases() -> list[tuple[str, str, dict]]:
    return [(name, version, doc) for name, path in KUSTOMIZATIONS.items() for doc in build(path)
            for version in VERSIONS]


@pytest.mark.parametrize(("kustomization", "version", "doc"), _cases(),
                         ids=lambda v: v if isinstance(v, str) else "{}-{}".format(*resource_id(v)[::2]))
def test_document_matches_the_kubernetes_schema(kustomization, version, doc):
    try:
        kubernetes_validate.validate(doc, version, strict=True)
    except kubernetes_validate.ValidationError as error:
        path = "/".join(map(str, error.path))
        pytest.fail(f"{kustomization}: {doc['kind']}/{doc['metadata']['name']} at {path}: {error.message}")


def test_the_validator_rejects_unknown_fields():
    # Guards against a vacuous pass, e.g. a schema that allows anything.
    deployment = next(doc for doc in build(KUSTOMIZATIONS["base"]) if doc["kind"] == "Deployment")
    deployment["spec"]["template"]["spec"]["containers"][0]["livenesProbe"] = {}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, VERSIONS[-1], strict=True)


@pytest.mark.parametrize("name", KUSTOMIZATIONS)
def test_renderer_agrees_with_kubectl_kustomize(name):
    if shutil.which("kubectl") is None:
        pytest.skip("kubectl is not installed: nothing to compare the renderer with")
    rendered = subprocess.run(["kubectl", "kustomize", str(KUSTOMIZATIONS[name])], capture_output=True,
                              text=True, check=True, timeout=60).stdout
    theirs = {resource_id(doc): doc for doc in yaml.safe_load_all(rendered) if doc}
    ours = {resource_id(doc): doc for doc in build(KUSTOMIZATIONS[name])}
    assert ours.keys() == theirs.keys()
    for key, doc in ours.items():
        assert doc == theirs[key], key


def test_renderer_refuses_what_it_does_not_implement(tmp_path):
    (tmp_path / "kustomization.yaml").write_text("resources: []\ncommonLabels: {a: b}\n")
    with pytest.raises(Unsupported):
        build(tmp_path)
