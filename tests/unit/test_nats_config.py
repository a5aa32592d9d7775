"""``districte nats-config``: who gets which permissions, and credentials that survive a re-run."""

from __future__ import annotations

import stat
from pathlib import Path

import nkeys
import pytest

from districte.nats_config import SERVICES, Tls, service_accesses, write


def test_each_identity_gets_its_own_seed_kept_secret_and_kept_across_runs(tmp_path: Path) -> None:
    first = {user.name: user for user in write(tmp_path, ["agencia-valles"])}
    assert set(first) == {*SERVICES, "provisioner", "agencia-valles"}
    assert len({user.public_key for user in first.values()}) == len(first)
    for name, user in first.items():
        seed_file = tmp_path / name / "nkey.seed"
        assert stat.S_IMODE(seed_file.stat().st_mode) == 0o600
        assert stat.S_IMODE(seed_file.parent.stat().st_mode) == 0o700
        assert nkeys.from_seed(seed_file.read_text().strip().encode()).public_key.decode() == user.public_key
    again = {user.name: user for user in write(tmp_path, ["agencia-valles", "registre-activitats"])}
    assert all(again[name].seed == user.seed for name, user in first.items())  # a new partner changes no one
    auth = (tmp_path / "auth.conf").read_text()
    assert all(user.public_key in auth for user in again.values())
    assert all(user.seed not in auth for user in again.values())  # only public keys in the server's file


def test_a_partner_may_publish_only_on_its_own_ingest_subjects(tmp_path: Path) -> None:
    partner = {u.name: u for u in write(tmp_path, ["agencia-valles"])}["agencia-valles"]
    assert partner.permissions["publish"]["allow"] == ["districte.ingest.agencia-valles.>"]
    assert partner.permissions["subscribe"]["allow"] == ["_INBOX_agencia-valles.>"]


@pytest.mark.parametrize("name", ["Agència", "census", "a.b", "provisioner", "x>"])
def test_a_partner_name_that_is_not_a_subject_token_of_its_own_is_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError, match="no vàlid"):
        write(tmp_path, [name])


def test_services_publish_only_their_own_events_and_pull_only_their_own_consumers() -> None:
    accesses = {access.service: access for access in service_accesses()}
    for name, access in accesses.items():
        allowed = access.permissions()["publish"]["allow"]
        events = [s for s in allowed if s.startswith("districte.") and not s.startswith("districte.rpc.")]
        assert events == ([f"districte.{name}.>"] if name != "portal" else [])
        pulled = {s.rsplit(".", 1)[1] for s in allowed if s.startswith("$JS.API.CONSUMER.MSG.NEXT.")}
        assert pulled == {spec.durable for spec in access.all_consumers()}
        assert all(durable.startswith(f"{name}-") for durable in pulled)
        assert not any(s in allowed for s in ("$JS.API.>", ">", "districte.>"))
        assert not any(s.startswith(("$JS.API.STREAM.CREATE", "$JS.API.STREAM.UPDATE", "$JS.API.STREAM.DELETE"))
                       for s in allowed)
    assert accesses["portal"].permissions()["publish"]["allow"].count("districte.rpc.census.>") == 1
    assert not any(s.startswith("districte.rpc.") for s in accesses["census"].permissions()["publish"]["allow"])


def test_the_server_configuration_turns_tls_on_when_given_certificates(tmp_path: Path) -> None:
    write(tmp_path, [], Tls(Path("/etc/nats/tls.crt"), Path("/etc/nats/tls.key"), Path("/etc/nats/ca.crt")))
    conf = (tmp_path / "nats-server.conf").read_text()
    assert 'cert_file: "/etc/nats/tls.crt"' in conf and "verify: true" in conf and "include ./auth.conf" in conf
    write(tmp_path, [])
    assert "tls" not in (tmp_path / "nats-server.conf").read_text()
