"""A rolling upgrade: a newer census emits ``EmpresaRegistrada.v2`` alongside v1 while notifications
still knows only v1 (docs/schema-evolution.md). The old consumer keeps working: every company once,
no dead letter, and the v2 copies never reach it."""

from __future__ import annotations

import uuid

import orjson
import pytest

from shared.contracts import EmpresaRegistrada
from shared.contracts.envelope import new_event
from tests.support.district import District
from tests.support.identifiers import valid_cif
from tests.support.settling import settled

BELLOTS = "junta@bellots.example"
V1, V2 = EmpresaRegistrada.event_type(), EmpresaRegistrada.event_type().removesuffix(".v1") + ".v2"


async def publish_as_newer_census(district: District, n: int) -> None:
    """What census's next version publishes in one outbox transaction: the new shape first, then the
    old one, both under the same CloudEvents id (one fact) and their own JetStream message id."""
    event = new_event(EmpresaRegistrada(empresa_id=uuid.uuid4(), nif=valid_cif(400 + n), rao_social=f"Versió {n} SL",
                                        cnae="2511", poligon_id="els-bellots"))
    v1 = event.model_dump(mode="json")
    data = dict(v1["data"])
    # v2 (hypothetical): the address becomes structured and the activity names its classification.
    v2_data = {key: value for key, value in data.items() if key not in ("adreca", "cnae")} | {
        "activitat": {"classificacio": "CNAE-2009", "codi": data["cnae"]}, "adreca": {"via": data["adreca"]}}
    v2 = v1 | {"type": V2, "data": v2_data}
    js = (await district.bus()).jetstream()
    await js.publish(V2, orjson.dumps(v2), headers={"Nats-Msg-Id": f"{event.id}.v2"})
    await js.publish(V1, orjson.dumps(v1), headers={"Nats-Msg-Id": str(event.id)})


@pytest.mark.one_database
async def test_a_v1_consumer_keeps_working_while_a_newer_producer_also_emits_v2(district: District) -> None:
    await district.start_all("census", "notifications", "portal")
    await district.register_ens_gestor("els-bellots", BELLOTS)
    response = await district.register_empresa(nif=valid_cif(399), rao_social="Versió actual SL", cnae="2511",
                                               poligon_id="els-bellots")  # today's census: v1 only
    assert response.status_code == 201, response.text
    for n in range(3):
        await publish_as_newer_census(district, n)

    mails = await district.mails(BELLOTS, 4)
    await settled(district)
    assert sorted(m.subject.rsplit(": ", 1)[1] for m in district.smtp.to(BELLOTS)) == [
        "Versió 0 SL", "Versió 1 SL", "Versió 2 SL", "Versió actual SL"]
    assert len(mails) == 4
    dead = await district.http.get("/api/v1/admin/dead-letters", headers=district.staff)
    assert dead.status_code == 200 and dead.json() == [], dead.text
    js = (await district.bus()).jetstream()
    stream = await js.stream_info("CENSUS", subjects_filter="districte.census.EmpresaRegistrada.*")
    assert stream.state.subjects == {V1: 4, V2: 3}  # both versions stored side by side
    consumer = await js.consumer_info("CENSUS", "notifications-census")
    assert V2 not in (consumer.config.filter_subjects or [])  # the old consumer never asked for v2
