"""The broker and the mail server go away and come back: nothing lost, nothing twice."""

from __future__ import annotations

import asyncio
import urllib.error
import urllib.request
from collections import Counter

from tests.support.district import District
from tests.support.identifiers import valid_cif
from tests.support.registering import register_until_accepted
from tests.support.settling import settled
from tests.support.waiting import eventually

BELLOTS = "junta@bellots.example"


async def test_nats_restarted_in_the_middle_of_500_registrations(district: District) -> None:
    await district.start_all("census", "notifications", "portal")
    await district.register_ens_gestor("els-bellots", BELLOTS)
    total, done = 500, 0
    limiter = asyncio.Semaphore(16)

    async def one(n: int) -> None:
        nonlocal done
        async with limiter:
            await register_until_accepted(district, n)
            done += 1

    workers = asyncio.gather(*(one(n) for n in range(total)))
    await eventually(lambda: _at_least(lambda: done, 150), what="150 registrations")
    district.nats.stop()
    await eventually(lambda: _not_ready(district, "census"), what="census to report not ready")
    district.nats.start()
    await workers

    await eventually(lambda: _at_least(lambda: len(district.smtp.to(BELLOTS)), total),
                     timeout_s=120, what="500 mails")
    await settled(district)
    subjects = Counter(mail.subject for mail in district.smtp.to(BELLOTS))
    assert len(subjects) == total
    assert max(subjects.values()) == 1


async def test_mail_server_down_for_a_while_delays_but_never_loses_or_repeats(
        district: District) -> None:
    await district.start_all("census", "notifications", "portal")
    await district.register_ens_gestor("els-bellots", BELLOTS)
    district.smtp.stop()
    for n in range(5):
        assert (await district.register_empresa(
            nif=valid_cif(n), rao_social=f"Empresa {n} SL", cnae="2511",
            poligon_id="els-bellots")).status_code == 201

    async def retried() -> list:
        items = await district.notificacions(BELLOTS)
        return items if len(items) == 5 and all(
            n["intents"] >= 2 and n["estat"] == "pendent" and n["darrer_error"] for n in items) else []

    await eventually(retried, timeout_s=30, what="failed attempts to be recorded")
    district.smtp.start()

    await eventually(lambda: _at_least(lambda: len(district.smtp.to(BELLOTS)), 5),
                     timeout_s=60, what="the delayed mails")
    await settled(district)
    assert sorted(m.subject for m in district.smtp.to(BELLOTS)) == [
        f"Nova empresa al polígon Els Bellots: Empresa {n} SL" for n in range(5)]


async def _not_ready(district: District, service: str) -> bool:
    def probe() -> bool:
        try:
            urllib.request.urlopen(district.health_url(service), timeout=2)
        except urllib.error.HTTPError as error:
            return error.code == 503 and b'"jetstream":"error' in error.read()
        except OSError:
            return False
        return False

    return await asyncio.to_thread(probe)


async def _at_least(value, threshold: int) -> bool:  # type: ignore[no-untyped-def]
    return value() >= threshold


async def test_notifications_stopped_mid_burst_resumes_without_loss_or_repeats(
        district: District) -> None:
    await district.start_all("census", "notifications", "portal")
    await district.register_ens_gestor("els-bellots", BELLOTS)
    total = 200
    limiter = asyncio.Semaphore(16)

    async def one(n: int) -> None:
        async with limiter:
            await register_until_accepted(district, 10_000 + n)

    burst = asyncio.gather(*(one(n) for n in range(total)))
    await eventually(lambda: _at_least(lambda: len(district.smtp.to(BELLOTS)), 20),
                     what="the first mails")
    assert district.stop("notifications") == 0  # graceful: the batch in hand is finished
    await burst
    await district.start_all("notifications")

    await eventually(lambda: _at_least(lambda: len(district.smtp.to(BELLOTS)), total),
                     timeout_s=120, what="every mail")
    await settled(district)
    subjects = Counter(mail.subject for mail in district.smtp.to(BELLOTS))
    assert len(subjects) == total and max(subjects.values()) == 1
