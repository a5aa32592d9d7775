"""Least privilege on the bus: with the configuration ``districte nats-config`` generates (TLS on),
each service works with its own NKey identity and nothing more; a partner publishes only on its own
``districte.ingest.<partner>.>``; nobody gets in without an identity."""

from __future__ import annotations

import asyncio
import io
import json
import ssl
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import nats
import pytest
from nats.aio.client import Client
from nats.errors import Error as NatsError

from districte import nats_config
from districte.importing import import_companies
from districte.nats_config import Tls
from districte.nats_server import NatsServer, free_port
from shared.messaging.bus_access import inbox_prefix
from tests.support.databases import SqliteDatabases
from tests.support.district import ADMIN_TOKEN, ROOT, District
from tests.support.identifiers import valid_cif
from tests.support.partners import partner_envelope, partner_subject
from tests.support.premises import oferta_body
from tests.support.smtp import SmtpSink
from tests.support.tls import make_certificates
from tests.support.waiting import eventually

PARTNER = "agencia-valles"
BELLOTS = "junta@bellots.example"
SERVICES = ("census", "location", "notifications", "portal")


@pytest.fixture
async def secured(tmp_path: Path, smtp: SmtpSink) -> AsyncIterator[tuple[District, dict[str, str]]]:
    """A district whose NATS server runs the configuration `districte nats-config` generated, TLS
    included: it knows only the generated identities. Their seeds by name."""
    certificates = make_certificates(tmp_path / "tls")
    users = nats_config.write(tmp_path / "nats", [PARTNER], Tls(certificates.cert, certificates.key),
                              store_dir=tmp_path / "store")
    # The generated file as it is; the command line moves its ports to the test's own.
    server = NatsServer(tmp_path / "store", config=tmp_path / "nats" / "nats-server.conf",
                        extra_args=["-m", str(free_port())])
    server.start()
    databases = SqliteDatabases(tmp_path / "db")
    await databases.ensure(*SERVICES)
    district = District(server, databases, smtp, tmp_path)
    district.nats_env = {"DISTRICTE_NATS_TLS_CA": str(certificates.ca)}
    seeds = {user.name: user.seed for user in users}
    district.bus_options = {"nkeys_seed_str": seeds["provisioner"], "inbox_prefix": inbox_prefix("provisioner"),
                            "tls": trusting(certificates.ca)}
    yield district, seeds
    await district.close()
    server.stop()
    for name in district.processes:
        print(f"--- {name} log (tail) ---\n{district.log(name)}")


def trusting(ca: Path) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=ca)


async def connect_as(district: District, seed: str | None, identity: str, errors: list[str]) -> Client:
    async def record(error: Exception) -> None:
        errors.append(str(error).lower())  # nats-py lowercases the server's -ERR

    options = {"nkeys_seed_str": seed} if seed else {}
    return await nats.connect(district.nats.url, inbox_prefix=inbox_prefix(identity), error_cb=record,
                              allow_reconnect=False, tls=trusting(Path(district.nats_env["DISTRICTE_NATS_TLS_CA"])),
                              **options)


def provision(district: District, seed: str) -> subprocess.CompletedProcess[str]:
    env = district.env("provisioner") | {"DISTRICTE_NATS_NKEY_SEED": seed}
    return subprocess.run([str(Path(sys.executable).parent / "districte"), "provision"], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


async def test_each_service_works_with_its_own_identity_and_a_partner_only_on_its_subjects(secured) -> None:
    district, seeds = secured
    partners = json.dumps({PARTNER: "it@agenciavalles.example"})
    for service in SERVICES:  # before the provisioning step: they wait for their consumers
        district.start(service, DISTRICTE_NATS_NKEY_SEED=seeds[service], DISTRICTE_NATS_PROVISIONED="true",
                       DISTRICTE_INGEST_PARTNERS=partners)
    done = await asyncio.to_thread(provision, district, seeds["provisioner"])
    assert done.returncode == 0, done.stderr
    assert "notifications-census" in done.stdout
    for service in SERVICES:
        await district.wait_ready(service)

    # census → notifications (a company in an estate with a management body), portal → census RPC.
    await district.register_ens_gestor("els-bellots", BELLOTS)
    response = await district.register_empresa(nif=valid_cif(7), rao_social="Identitats SL", cnae="2511",
                                               poligon_id="els-bellots")
    assert response.status_code == 201, response.text
    await district.mails(BELLOTS, 1)
    # A file uploaded to the portal and read by census: the object store, with both identities.
    upload = district.workdir / "cens.csv"
    upload.write_text(f"CIF;Raó social;CNAE;Polígon\n{valid_cif(8)};Fitxer SL;2511;els-bellots\n")
    imported = await asyncio.to_thread(import_companies, upload, str(district.http.base_url), ADMIN_TOKEN, [], None,
                                       io.StringIO())
    assert (imported["estat"], imported["noves"]) == ("completada", 1), imported

    async def estates_known() -> bool:  # an offer names its estate
        info = await (await district.bus()).jetstream().consumer_info("CENSUS", "location-census")
        return info.delivered.stream_seq >= 19 and not info.num_pending

    await eventually(estates_known, what="location to know the estates")
    # A partner's offer: partner → INGEST → location → LOCATION → notifications (the staff's vacancy notice).
    errors: list[str] = []
    partner = await connect_as(district, seeds[PARTNER], PARTNER, errors)
    js = partner.jetstream()
    ack = await js.publish(partner_subject(PARTNER, "OfertaExterna"),
                           partner_envelope(PARTNER, "OfertaExterna", "REF-1", oferta_body()))
    assert ack.stream == "INGEST"

    async def offered() -> list:
        listing = await district.http.get("/api/v1/ofertes", headers=district.staff)
        return listing.json()["items"]

    await eventually(offered, what="the partner's offer in location")

    # ... but not on another partner's subjects, nor on a service's.
    for subject in (partner_subject("altre-soci", "OfertaExterna"), "districte.census.EmpresaRegistrada.v1"):
        with pytest.raises(NatsError):
            await js.publish(subject, b"{}", timeout=1.0)
    await partner.flush()
    await partner.close()
    assert any("violation for publish" in e and "altre-soci" in e for e in errors), errors
    admin = (await district.bus()).jetstream()
    assert (await admin.stream_info("INGEST")).state.messages == 1
    registered = "districte.census.EmpresaRegistrada.v1"  # the company from the API and the imported one
    assert (await admin.stream_info("CENSUS", subjects_filter=registered)).state.subjects == {registered: 2}


async def test_census_may_not_publish_for_location_nor_read_another_services_consumer(secured) -> None:
    district, seeds = secured
    done = await asyncio.to_thread(provision, district, seeds["provisioner"])
    assert done.returncode == 0, done.stderr
    admin = (await district.bus()).jetstream()
    errors: list[str] = []
    census = await connect_as(district, seeds["census"], "census", errors)
    # Its own events it may publish (one for notifications' consumer), another service's not.
    await census.jetstream().publish("districte.census.EmpresaRegistrada.v1", b"{}")
    await census.publish("districte.location.NauDisponible.v1", b"{}")
    with pytest.raises(NatsError):  # its request goes nowhere: the JetStream API refuses it
        await census.jetstream().consumer_info("CENSUS", "notifications-census", timeout=1.0)
    subscription = await census.jetstream().pull_subscribe_bind("notifications-census", "CENSUS")
    with pytest.raises((NatsError, TimeoutError)):
        await subscription.fetch(1, timeout=1.0)
    await census.subscribe("districte.rpc.location.>")
    await census.flush()
    await census.close()
    denied = "\n".join(errors)
    assert 'publish to "districte.location.naudisponible.v1"' in denied, denied
    assert "$js.api.consumer.msg.next.census.notifications-census" in denied, denied
    assert 'subscription to "districte.rpc.location.>"' in denied, denied
    assert (await admin.stream_info("LOCATION")).state.messages == 0
    untouched = await admin.consumer_info("CENSUS", "notifications-census")
    assert (untouched.delivered.stream_seq, untouched.num_pending) == (0, 1)

    refused: list[str] = []
    with pytest.raises(NatsError):  # and nobody without an identity
        await connect_as(district, None, "anonymous", refused)
    with pytest.raises((NatsError, ssl.SSLError, OSError)):  # nor without trusting the servers' certificate
        await nats.connect(district.nats.url, nkeys_seed_str=seeds["census"], allow_reconnect=False,
                           tls=ssl.create_default_context(), connect_timeout=2)
