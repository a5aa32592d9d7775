"""Two replicas of the notifications service share the work and never send the same mail twice
(PostgreSQL: one process owns an SQLite file)."""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest

from tests.support.databases import SqliteDatabases
from tests.support.district import District
from tests.support.identifiers import valid_cif
from tests.support.settling import settled
from tests.support.waiting import eventually

BELLOTS = "junta@bellots.example"


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
