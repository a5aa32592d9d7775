"""Payloads that can never be handled become dead letters with a reason; the rest keeps
flowing; staff can list and replay them."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import UTC, datetime

import orjson

from shared.faults import CONSUMER_BEFORE_COMMIT
from tests.support.district import STAFF_EMAIL, District
from tests.support.settling import settled
from tests.support.waiting import eventually

SUBJECT = "districte.census.EmpresaRegistrada.v1"
ESTATE_SUBJECT = "districte.census.PoligonRegistrat.v1"


def envelope(event_type: str, data: dict) -> bytes:
    return orjson.dumps({
        "specversion": "1.0", "id": str(uuid.uuid4()), "source": "districte/census",
        "type": event_type, "time": datetime.now(UTC).isoformat(), "subject": "x",
        "datacontenttype": "application/json", "data": data, "correlationid": "test"})


async def test_bad_payloads_become_dead_letters_and_can_be_replayed(district: District) -> None:
    await district.start_all("census", "location", "notifications", "portal", DISTRICTE_MANTENIMENT_INTERVAL_S="1")
    js = (await district.bus()).jetstream()
    await js.publish(SUBJECT, b"{esto no es json")
    await js.publish(SUBJECT, envelope(SUBJECT, {"empresa_id": "no-uuid", "nif": "B64717838"}))
    new_estate = {"empresa_id": str(uuid.uuid4()), "nif": "B64717838", "rao_social": "Pionera SL",
                  "cnae": "2511", "poligon_id": "sector-nou"}
    await js.publish(SUBJECT, envelope(SUBJECT, new_estate))
    # Both notifications and location follow estates: each sets this one aside.
    await js.publish(ESTATE_SUBJECT, b'{"specversion": "1.0"')

    async def letters() -> list:
        response = await district.http.get("/api/v1/admin/dead-letters", headers=district.staff)
        assert response.status_code == 200, response.text
        by_service = Counter(letter["servei"] for letter in response.json())
        return response.json() if by_service == {"notifications": 4, "location": 1} else []

    everything = await eventually(letters, what="the dead letters of both services")
    [location_letter] = [letter for letter in everything if letter["servei"] == "location"]
    assert (location_letter["consumer"], location_letter["subject"]) == ("location-census", ESTATE_SUBJECT)
    listed = [letter for letter in everything
              if letter["servei"] == "notifications" and letter["subject"] == SUBJECT]
    reasons = [letter["reason"] for letter in listed]
    assert "JSON no vàlid" in reasons[0]
    assert "dades no vàlides" in reasons[1] and "data.empresa_id" in reasons[1]
    assert "polígon desconegut" in reasons[2] and "sector-nou" in reasons[2]
    assert {(letter["stream"], letter["consumer"]) for letter in listed} == {
        ("CENSUS", "notifications-census")}
    assert listed[0]["payload"] == "{esto no es json" and listed[0]["sequence"] > 0

    # Staff are told by mail that messages wait (once a day).
    [reminder] = await eventually(lambda: _mails_with(district, "reviseu"), what="the dead-letter reminder")
    assert reminder.recipients == (STAFF_EMAIL,) and "/api/v1/admin/dead-letters" in reminder.text

    later = await district.register_empresa(nif="A58818501", rao_social="Després SA", cnae="1392",
                                            poligon_id="can-petit")
    assert later.status_code == 201
    await eventually(lambda: _mails_with(district, "Després SA"), what="a later company's mail")

    still_invalid = await district.http.post(
        f"/api/v1/admin/dead-letters/{listed[0]['id']}/replay", headers=district.staff)
    assert still_invalid.status_code == 409 and "invàlid" in still_invalid.json()["detail"]

    # The estate becomes known (census would announce it); now the company can be handled.
    await js.publish(ESTATE_SUBJECT, envelope(
        ESTATE_SUBJECT,
        {"poligon_id": "sector-nou", "nom": "Sector Nou", "estat": "planificat",
         "superficie_m2": 1000, "centroide": {"lat": 41.56, "lon": 2.03}}))

    async def replayed() -> dict | None:
        response = await district.http.post(
            f"/api/v1/admin/dead-letters/{listed[2]['id']}/replay", headers=district.staff)
        return response.json() if response.status_code == 200 else None

    result = await eventually(replayed, what="a successful replay")
    assert result["replayed_at"]
    mails = await eventually(lambda: _mails_with(district, "Pionera SL"), what="the replayed mail")
    assert mails[0].recipients == (STAFF_EMAIL,)
    assert mails[0].subject == "Nova empresa al polígon Sector Nou: Pionera SL"

    again = await district.http.post(
        f"/api/v1/admin/dead-letters/{listed[2]['id']}/replay", headers=district.staff)
    assert again.status_code == 409
    remaining = await district.http.get("/api/v1/admin/dead-letters", headers=district.staff)
    assert {letter["id"] for letter in remaining.json()} == {
        letter["id"] for letter in everything if letter["id"] != listed[2]["id"]}
    unknown = await district.http.post(f"/api/v1/admin/dead-letters/{uuid.uuid4()}/replay",
                                       headers=district.staff)
    assert unknown.status_code == 404


async def _mails_with(district: District, text: str) -> list:
    return [mail for mail in district.smtp.inbox if text in mail.subject]


async def test_an_event_that_crashes_its_consumer_every_time_still_becomes_a_dead_letter(
        district: District) -> None:
    quick = {"DISTRICTE_CONSUMER_ACK_WAIT_S": "1", "DISTRICTE_CONSUMER_MAX_DELIVER": "2"}
    await district.start_all("census", "location", "notifications", "portal", **quick)
    await district.register_ens_gestor("els-bellots", "junta@bellots.example")
    await settled(district)
    assert district.stop("notifications") == 0

    for delivery in (1, 2):
        district.start("notifications", DISTRICTE_FAULT_INJECTION=CONSUMER_BEFORE_COMMIT, **quick)
        if delivery == 1:  # the redelivery may kill the second start before it looks ready
            await district.wait_ready("notifications")
            response = await district.register_empresa(
                nif="B64717838", rao_social="Fatídica SL", cnae="2511", poligon_id="els-bellots")
            assert response.status_code == 201
        assert await district.wait_exit("notifications") == -9  # died before committing
    await district.start_all("notifications", **quick)

    async def letter() -> dict | None:
        response = await district.http.get("/api/v1/admin/dead-letters", headers=district.staff)
        found = [entry for entry in response.json() if entry["servei"] == "notifications"]
        return found[0] if found else None

    dead = await eventually(letter, what="the dead letter of the exhausted event")
    assert "esgotats 2 lliuraments" in dead["reason"]
    assert dead["subject"] == SUBJECT and "Fatídica SL" in dead["payload"]
    assert await _mails_with(district, "Fatídica SL") == []

    replayed = await district.http.post(f"/api/v1/admin/dead-letters/{dead['id']}/replay",
                                        headers=district.staff)
    assert replayed.status_code == 200, replayed.text
    mails = await eventually(lambda: _mails_with(district, "Fatídica SL"), what="the replayed mail")
    await settled(district)
    assert len(mails) == 1 and len(district.smtp.to("junta@bellots.example")) == 1
