"""A small `kustomize build` for the tests, so they need no kustomize binary.

It supports exactly what deploy/k8s uses, and refuses anything else rather than ignore it:

- ``resources``: files (several YAML documents each) and directories holding a kustomization;
- ``patches`` with ``path``: strategic-merge patches, each applied to the one resource of the
  same kind and name. Maps merge key by key and ``null`` deletes a key; the lists below merge
  item by item on their merge key, as Kubernetes declares for pod templates; other lists are
  replaced whole. No ``$patch`` directives, no JSON 6902 patches, no ``target``;
- ``namespace``: set on every namespaced resource;
- ``labels`` with ``includeSelectors: false``: added to each resource's own metadata only;
- ``images``: ``newName`` and/or ``newTag`` for containers whose image has that name.

Transformations run in kustomize's order (patches, namespace, labels, images), a kustomization
in ``resources`` being built first. tests/deploy/test_kubernetes_schemas.py compares the
result with ``kubectl kustomize`` where kubectl is installed.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

Document = dict[str, Any]

SUPPORTED_FIELDS = {"apiVersion", "kind", "namespace", "labels", "resources", "patches", "images"}
CLUSTER_SCOPED = {"Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition",
                  "PersistentVolume", "PriorityClass", "StorageClass"}
# patchMergeKey of the lists a patch of ours may touch (k8s.io/api core/v1 PodSpec, Container).
MERGE_KEYS = {
    "containers": "name",
    "initContainers": "name",
    "env": "name",
    "volumes": "name",
    "volumeMounts": "mountPath",
    "ports": "containerPort",
    "imagePullSecrets": "name",
    "topologySpreadConstraints": "topologyKey",
}


class Unsupported(ValueError):
    """The kustomization uses something this renderer does not implement."""


def resource_id(doc: Document) -> tuple[str, str, str]:
    metadata = doc.get("metadata") or {}
    return doc["kind"], metadata.get("namespace", ""), metadata["name"]


def build(directory: Path) -> list[Document]:
    """The documents `kustomize build DIRECTORY` would print (in resource order)."""
    directory = directory.resolve()
    kustomization = yaml.safe_load((directory / "kustomization.yaml").read_text())
    unknown = set(kustomization) - SUPPORTED_FIELDS
    if unknown:
        raise Unsupported(f"{directory}: fields not supported: {sorted(unknown)}")

    docs: list[Document] = []
    for entry in kustomization.get("resources") or []:
        path = directory / entry
        docs += build(path) if path.is_dir() else _load(path)
    ids = [resource_id(doc) for doc in docs]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise ValueError(f"{directory}: resources defined twice: {sorted(duplicates)}")

    for patch in kustomization.get("patches") or []:
        if set(patch) != {"path"}:
            raise Unsupported(f"{directory}: only `patches: - path: FILE` is supported, not {patch}")
        for patch_doc in _load(directory / patch["path"]):
            _apply_patch(docs, patch_doc, directory / patch["path"])
    if "namespace" in kustomization:
        for doc in docs:
            if doc["kind"] not in CLUSTER_SCOPED:
                doc.setdefault("metadata", {})["namespace"] = kustomization["namespace"]
    for label in kustomization.get("labels") or []:
        if label.get("includeSelectors", False) or label.get("includeTemplates", False):
            raise Unsupported(f"{directory}: labels are supported with includeSelectors: false only")
        for doc in docs:
            doc.setdefault("metadata", {}).setdefault("labels", {}).update(label["pairs"])
    for image in kustomization.get("images") or []:
        if set(image) - {"name", "newName", "newTag"}:
            raise Unsupported(f"{directory}: images support name, newName and newTag only")
        for doc in docs:
            _set_image(doc, image)
    return docs


def _load(path: Path) -> list[Document]:
    return [doc for doc in yaml.safe_load_all(path.read_text()) if doc is not None]


def _apply_patch(docs: list[Document], patch: Document, source: Path) -> None:
    kind, name = patch.get("kind"), (patch.get("metadata") or {}).get("name")
    targets = [doc for doc in docs if doc["kind"] == kind and doc["metadata"]["name"] == name]
    if len(targets) != 1:
        raise ValueError(f"{source}: patch for {kind}/{name} matches {len(targets)} resources")
    (target,) = targets
    patched = merge(target, patch)
    target.clear()
    target.update(patched)


def merge(original: Any, patch: Any, field: str = "") -> Any:
    """Strategic merge of ``patch`` into a copy of ``original`` (see the module's docstring)."""
    if isinstance(patch, dict):
        if any(key.startswith("$") for key in patch):
            raise Unsupported(f"patch directives are not supported: {sorted(patch)}")
        result = copy.deepcopy(original) if isinstance(original, dict) else {}
        for key, value in patch.items():
            if value is None:
                result.pop(key, None)
            else:
                result[key] = merge(result.get(key), value, key)
        return result
    if isinstance(patch, list) and field in MERGE_KEYS and isinstance(original, list):
        # As kustomize orders them: the patch's items (merged into the original's of the same
        # key), then the original's other items.
        key = MERGE_KEYS[field]
        by_key = {item.get(key): item for item in original}
        patched = [merge(by_key.get(item.get(key)), item, field) for item in patch]
        keys = {item.get(key) for item in patch}
        return patched + [copy.deepcopy(item) for item in original if item.get(key) not in keys]
    return copy.deepcopy(patch)


def _set_image(node: Any, image: dict[str, str]) -> None:
    if isinstance(node, list):
        for item in node:
            _set_image(item, image)
        return
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if key in ("containers", "initContainers"):
            for container in value:
                container["image"] = _new_image(container["image"], image)
        else:
            _set_image(value, image)


def _new_image(current: str, image: dict[str, str]) -> str:
    if "@" in current:
        raise Unsupported(f"image digests are not supported: {current}")
    name, tag = current, ""
    if ":" in current.rsplit("/", 1)[-1]:  # a tag, not a registry's port
        name, tag = current.rsplit(":", 1)
    if name != image["name"]:
        return current
    new_name = image.get("newName", name)
    new_tag = image.get("newTag", tag)
    return f"{new_name}:{new_tag}" if new_tag else new_name
