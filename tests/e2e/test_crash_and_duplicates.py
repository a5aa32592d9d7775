"""Crashes at the worst moments and duplicate deliveries: every company mailed exactly once."""

from __future__ import annotations

import uuid

from shared.faults import CONSUMER_BEFORE_ACK, RELAY_BEFORE_PUBLISH
from tests.support.district import District
from tests.support.settling import settled
from tests.support.waiting import eventually

BELLOTS = "junta@bellots.example"
EMPRESA = {"nif": "B64717838", "rao_social": "Metalls Bellots SL", "cnae": "2511",
           "poligon_id": "els-bellots"}
FAST_REDELIVERY = {"DISTRICTE_CONSUMER_ACK_WAIT_S": "2"}


async def mails_to_bellots(district: District) -> list:
    return district.smtp.to(BELLOTS)


async def test_census_killed_after_commit_before_publish_publishes_once_after_restart(
        district: District) -> None:
    await district.start_all("census", "notifications", "portal")
    await district.register_ens_gestor("els-bellots", BELLOTS)
    await settled(district)
    assert district.stop("census") == 0  # graceful shutdown exits cleanly

    district.start("census", DISTRICTE_FAULT_INJECTION=RELAY_BEFORE_PUBLISH)
    await district.wait_ready("census")
    response = await district.register_empresa(**EMPRESA)
    assert response.status_code in (201, 503), response.text  # the reply may die with the process
    assert await district.wait_exit("census") == -9  # SIGKILL, after the commit
    assert district.smtp.to(BELLOTS) == []

    await district.start_all("census")
    await eventually(lambda: mails_to_bellots(district), what="the mail after restart")
    await settled(district)
    assert len(district.smtp.to(BELLOTS)) == 1
    assert await _count(district, "districte.census.EmpresaRegistrada.v1") == 1


async def test_the_same_event_published_twice_with_a_new_message_id_mails_once(
        district: District) -> None:
    await district.start_all("census", "notifications", "portal")
    await district.register_ens_gestor("els-bellots", BELLOTS)
    assert (await district.register_empresa(**EMPRESA)).status_code == 201
    await eventually(lambda: mails_to_bellots(district), what="the first mail")
    js = (await district.bus()).jetstream()
    original = await js.get_last_msg("CENSUS", "districte.census.EmpresaRegistrada.v1")

    await js.publish(original.subject, original.data, headers={"Nats-Msg-Id": str(uuid.uuid4())})

    assert await _count(district, "districte.census.EmpresaRegistrada.v1") == 2
    await settled(district)
    assert len(district.smtp.to(BELLOTS)) == 1
    assert await district.metric("notifications", "districte_duplicates_skipped_total") == 1


async def test_redelivery_after_a_consumer_crash_before_its_ack_mails_once(district: District) -> None:
    await district.start_all("census", "notifications", "portal", **FAST_REDELIVERY)
    await district.register_ens_gestor("els-bellots", BELLOTS)
    await settled(district)
    assert district.stop("notifications") == 0

    district.start("notifications", DISTRICTE_FAULT_INJECTION=CONSUMER_BEFORE_ACK, **FAST_REDELIVERY)
    await district.wait_ready("notifications")
    assert (await district.register_empresa(**EMPRESA)).status_code == 201
    assert await district.wait_exit("notifications") == -9  # committed, never acked

    await district.start_all("notifications", **FAST_REDELIVERY)
    await eventually(lambda: mails_to_bellots(district), what="the mail")
    await settled(district)
    assert len(district.smtp.to(BELLOTS)) == 1
    # The event did come back after the crash; its effect did not repeat.
    assert await district.metric("notifications", "districte_duplicates_skipped_total") >= 1


async def _count(district: District, subject: str) -> int:
    js = (await district.bus()).jetstream()
    info = await js.stream_info("CENSUS", subjects_filter=subject)
    return (info.state.subjects or {}).get(subject, 0)


