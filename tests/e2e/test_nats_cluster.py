"""A three-node JetStream cluster with R3 streams: the node leading the census stream is killed in
the middle of 2,000 registrations and brought back; nothing is lost, nothing repeated downstream."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.support.databases import SqliteDatabases
from tests.support.district import District
from tests.support.nats_cluster import NatsCluster
from tests.support.registering import register_until_accepted
from tests.support.settling import settled
from tests.support.smtp import SmtpSink
from tests.support.waiting import eventually

BELLOTS = "junta@bellots.example"
REGISTERED = "districte.census.EmpresaRegistrada.v1"
TOTAL = 2000

pytestmark = pytest.mark.slow


@pytest.fixture
async def clustered(tmp_path: Path, smtp: SmtpSink) -> AsyncIterator[District]:
    cluster = NatsCluster(tmp_path / "nats")
    await cluster.start()
    databases = SqliteDatabases(tmp_path / "db")  # the broker is under test here, not the database
    await databases.ensure("census", "notifications", "portal")
    district = District(cluster, databases, smtp, tmp_path)
    yield district
    await district.close()
    cluster.stop()
    for name in district.processes:
        print(f"--- {name} log (tail) ---\n{district.log(name)}")


async def test_a_node_killed_mid_stream_and_restarted_loses_and_repeats_nothing(clustered: District) -> None:
    district, cluster = clustered, clustered.nats
    assert isinstance(cluster, NatsCluster)
    await district.start_all("census", "notifications", "portal", DISTRICTE_NATS_STREAM_REPLICAS="3")
    await district.register_ens_gestor("els-bellots", BELLOTS)
    js = (await district.bus()).jetstream()
    census_stream = await js.stream_info("CENSUS")
    assert census_stream.config.num_replicas == 3
    done, limiter = 0, asyncio.Semaphore(16)

    async def one(n: int) -> None:
        nonlocal done
        async with limiter:
            await register_until_accepted(district, 20_000 + n)
            done += 1

    workers = asyncio.gather(*(one(n) for n in range(TOTAL)))
    await eventually(lambda: _at_least(lambda: done, TOTAL // 4), timeout_s=120, what="a quarter registered")
    leader = (await js.stream_info("CENSUS")).cluster.leader
    cluster.node(leader).kill()  # the leader: the stream must elect another and carry on
    await eventually(lambda: _at_least(lambda: done, TOTAL // 2), timeout_s=120, what="half registered")
    cluster.node(leader).start()
    await workers

    await eventually(lambda: _at_least(lambda: len(district.smtp.to(BELLOTS)), TOTAL),
                     timeout_s=240, what=f"{TOTAL} mails")
    await settled(district)
    subjects = Counter(mail.subject for mail in district.smtp.to(BELLOTS))
    assert len(subjects) == TOTAL and max(subjects.values()) == 1  # every company once, none twice
    info = await js.stream_info("CENSUS", subjects_filter=REGISTERED)
    assert info.state.subjects == {REGISTERED: TOTAL}  # each event once on the stream

    async def caught_up() -> bool:  # the node that came back holds the stream again
        replicas = (await js.stream_info("CENSUS")).cluster.replicas or []
        return any(r.name == leader and r.current for r in replicas) or (
            (await js.stream_info("CENSUS")).cluster.leader == leader)

    await eventually(caught_up, timeout_s=60, what=f"{leader} to catch up")


async def _at_least(value, threshold: int) -> bool:  # type: ignore[no-untyped-def]
    return value() >= threshold
