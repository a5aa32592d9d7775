"""``districte nats-config``: the NATS server's users and each identity's credentials.

One NKey user per service, allowed exactly what its ``BUS_ACCESS`` declares; one per partner
system, allowed only to publish on ``districte.ingest.<partner>.>``; one for the provisioning
step (the JetStream API). Writes, into one directory:

    auth.conf               the ``authorization`` block (include it from any server configuration)
    nats-server.conf        a whole single-server configuration that includes it (compose, tests)
    <identity>/nkey.seed    each identity's seed (0600): a secret, hand it to that identity only
                            (a service reads it as DISTRICTE_NATS_NKEY_SEED; one directory each,
                            so a container can be given its own and nothing else)

Running it again keeps the seeds already there, so adding a partner does not change the others'.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Any

import nkeys

from shared.contracts.ingest import PARTNER_PATTERN
from shared.messaging.bus_access import BusAccess, partner_permissions, provisioner_permissions

SERVICES = ("census", "location", "notifications", "portal")
PROVISIONER = "provisioner"


def service_accesses() -> list[BusAccess]:
    """Each service's own declaration of what it does on the bus."""
    return [import_module(f"services.{name}.entrypoints.bus_access").BUS_ACCESS for name in SERVICES]


@dataclass(frozen=True)
class Tls:
    cert: Path
    key: Path
    ca: Path | None = None  # set: clients must present a certificate signed by it too


@dataclass(frozen=True)
class Identity:
    name: str
    seed: str
    permissions: dict[str, Any]

    @property
    def public_key(self) -> str:
        return nkeys.from_seed(self.seed.encode()).public_key.decode()


def kept_seed(directory: Path, name: str) -> str:
    """The identity's seed from an earlier run, or a new one (written 0600)."""
    path = directory / name / "nkey.seed"
    if path.exists():
        return path.read_text().strip()
    seed = nkeys.encode_seed(os.urandom(32), nkeys.PREFIX_BYTE_USER).decode()
    path.parent.mkdir(mode=0o700, exist_ok=True)
    path.touch(mode=0o600)
    path.write_text(seed + "\n")
    return seed


def identities(directory: Path, partners: list[str]) -> list[Identity]:
    for partner in partners:
        if not re.fullmatch(PARTNER_PATTERN, partner) or partner in (*SERVICES, PROVISIONER):
            raise ValueError(f"nom de sistema col·laborador no vàlid: {partner!r} (minúscules, xifres i guions)")
    wanted = [(a.service, a.permissions()) for a in service_accesses()]
    wanted.append((PROVISIONER, provisioner_permissions()))
    wanted += [(partner, partner_permissions(partner)) for partner in sorted(set(partners))]
    return [Identity(name, kept_seed(directory, name), permissions) for name, permissions in wanted]


def auth_block(users: list[Identity]) -> str:
    # NATS reads JSON as configuration; the comment says who each key is.
    entries = ",\n".join(
        f"    # {user.name}\n    " + json.dumps({"nkey": user.public_key, "permissions": user.permissions})
        for user in users)
    return ("# Generat per `districte nats-config`: un usuari NKey per identitat, amb només el que li cal.\n"
            f"authorization: {{\n  users: [\n{entries}\n  ]\n}}\n")


def server_config(tls: Tls | None, sync_interval: str, store_dir: Path) -> str:
    lines = ["# Generat per `districte nats-config`: un servidor (docker-compose, proves).",
             "port: 4222", "http_port: 8222", "server_name: districte-nats",
             "jetstream: {", f"  store_dir: {json.dumps(str(store_dir))}",
             # One server is the only copy: see docs/deploy.md (sync_interval).
             f"  sync_interval: {json.dumps(sync_interval)}", "}",
             "lame_duck_duration: 30s", "include ./auth.conf"]
    if tls is not None:
        lines += ["tls: {", f"  cert_file: {json.dumps(str(tls.cert))}", f"  key_file: {json.dumps(str(tls.key))}"]
        if tls.ca is not None:
            lines += [f"  ca_file: {json.dumps(str(tls.ca))}", "  verify: true"]
        lines += ["}"]
    return "\n".join(lines) + "\n"


def write(directory: Path, partners: list[str], tls: Tls | None = None, sync_interval: str = "always",
          store_dir: Path = Path("/data/jetstream")) -> list[Identity]:
    directory.mkdir(parents=True, exist_ok=True)
    users = identities(directory, partners)
    (directory / "auth.conf").write_text(auth_block(users))
    (directory / "nats-server.conf").write_text(server_config(tls, sync_interval, store_dir))
    return users
