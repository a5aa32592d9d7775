"""Replicas share the work and never repeat it: two of the notifications service never send the same
mail twice; two of each service, one killed mid-stream, lose nothing (PostgreSQL: one process owns
an SQLite file)."""

from __future__ import annotations

import asyncio
from collections import Counter

import asyncpg
import pytest

from tests.support.databases import SqliteDatabases
from tests.support.district import District
from tests.support.identifiers import valid_cif
from tests.support.settling import settled
from tests.support.waiting import eventually

BELLOTS = "junta@bellots.example"
SUBJECT = "districte.census.EmpresaRegistrada.v1"
BATCH = 50  # the mails a sender hands to the server before it records them


async def test_two_replicas_mail_each_company_once(district: District) -> None:
    if isinstance(district.databases, SqliteDatabases):
        pytest.skip("replicas share PostgreSQL; an SQLite file belongs to one process")
    await district.start_all("census", "notifications", "portal")
    replica = district.start("notifications", replica="b")
    await district.wait_ready(replica)
    await district.register_ens_gestor("els-bellots", BELLOTS)
    total = 60

    async def register(n: int) -> None:
        response = await district.register_empresa(nif=valid_cif(n), rao_social=f"Empresa {n} SL", cnae="2511",
                                                   poligon_id="els-bellots")
        assert response.status_code == 201, response.text

    await asyncio.gather(*(register(n) for n in range(total)))

    async def all_mailed() -> bool:
        return len(district.smtp.to(BELLOTS)) >= total

    await eventually(all_mailed, timeout_s=60, what=f"{total} mails")
    await settled(district)
    subjects = Counter(mail.subject for mail in district.smtp.to(BELLOTS))
    assert len(subjects) == total and set(subjects.values()) == {1}  # each company once
    handled = [await district.metric(name, "districte_messages_handled_total") for name in ("notifications", replica)]
    assert sum(handled) >= total + 1, handled


async def test_two_replicas_of_each_service_one_killed_mid_stream_lose_and_repeat_nothing(district: District) -> None:
    """Two processes of census, location and notifications on one PostgreSQL database each, sharing
    their durable consumers; census's first replica and notifications' second are SIGKILLed while
    companies are registered. The survivors finish: every event handled once (one notice per company),
    every outbox row published, every event on the stream once, no mail lost."""
    if isinstance(district.databases, SqliteDatabases):
        pytest.skip("replicas share PostgreSQL; an SQLite file belongs to one process")
    # What the killed replica had claimed is sent by the other once the claim lapses: shortened here.
    lease = {"DISTRICTE_RESERVA_ENVIAMENT_S": "5"}
    await district.start_all("census", "location", "portal")
    district.start("notifications", **lease)
    replicas = [district.start("census", replica="b"), district.start("location", replica="b"),
                district.start("notifications", replica="b", **lease)]
    await district.wait_ready("notifications")
    for replica in replicas:
        await district.wait_ready(replica)
    await district.register_ens_gestor("els-bellots", BELLOTS)
    total, registered = 60, asyncio.Event()
    done = 0

    async def register(n: int) -> None:
        nonlocal done
        for _ in range(20):  # as a client would: a request cut by a dying replica is tried again
            response = await district.register_empresa(nif=valid_cif(300 + n), rao_social=f"Rèplica {n} SL",
                                                       cnae="2511", poligon_id="els-bellots")
            if response.status_code in (201, 409):  # 409: it was committed before the reply was lost
                done += 1
                if done == total // 3:
                    registered.set()
                return
            assert response.status_code == 503, response.text
            await asyncio.sleep(0.2)
        raise AssertionError(f"company {n} never registered")

    async def kill_mid_stream() -> None:
        await registered.wait()
        district.kill("census")
        await asyncio.sleep(0.3)
        district.kill("notifications-b")

    await asyncio.gather(kill_mid_stream(), *(register(n) for n in range(total)))

    async def all_mailed() -> bool:
        return len({m.subject for m in district.smtp.to(BELLOTS)}) >= total

    await eventually(all_mailed, timeout_s=90, what=f"{total} companies mailed")
    await settled(district)
    notices = await district.notificacions(BELLOTS)
    assert len(notices) == total and len({n["assumpte"] for n in notices}) == total  # each event handled once
    mails = district.smtp.to(BELLOTS)
    assert {m.subject for m in mails} == {n["assumpte"] for n in notices}  # none lost
    # A mail goes twice only if the killed sender had handed it to the server and died before recording
    # it (SMTP has no idempotency): then it is the same message again, under the same Message-ID.
    repeated = {subject for subject, count in Counter(m.subject for m in mails).items() if count > 1}
    assert all(len({m.message_id for m in mails if m.subject == subject}) == 1 for subject in repeated)
    assert len(repeated) <= BATCH, repeated
    connection = await asyncpg.connect(district.databases.url("census").replace("+asyncpg", ""))
    try:
        pending = await connection.fetchval("SELECT count(*) FROM outbox WHERE published_at IS NULL")
        rows = await connection.fetchval("SELECT count(*) FROM outbox WHERE subject = $1", SUBJECT)
    finally:
        await connection.close()
    js = (await district.bus()).jetstream()
    on_stream = (await js.stream_info("CENSUS", subjects_filter=SUBJECT)).state.subjects or {}
    assert (pending, rows) == (0, total)
    assert on_stream.get(SUBJECT) == total  # each event once on the stream, whichever replica published it
