"""HTTP → census → NATS → notifications → SMTP, with the real processes."""

from __future__ import annotations

import orjson
import pytest

from tests.support.district import STAFF_EMAIL, District
from tests.support.settling import settled
from tests.support.waiting import eventually

BELLOTS = "junta@bellots.example"


async def test_registering_a_company_mails_its_estates_management_body(district: District) -> None:
    await district.start_all("census", "location", "notifications", "portal")
    poligons = (await district.http.get("/api/v1/poligons")).json()
    assert len(poligons) == 19
    # Given a health port, the portal answers health and metrics there, not on its public site.
    assert [(await district.http.get(path)).status_code for path in ("/metrics", "/health/ready")] == [404, 404]
    assert await district.metric("portal", "districte_service_info") == 1
    await district.register_ens_gestor("els-bellots", BELLOTS, "Junta del Polígon dels Bellots")

    response = await district.register_empresa(
        nif="b-64717838", rao_social="Metalls Bellots SL", nom_comercial="Metabell", cnae="25.11",
        poligon_id="els-bellots", adreca="Carrer de Galileu, 12", email="info@metabell.example",
        telefon="+34 937 000 000", treballadors=23)

    assert response.status_code == 201, response.text
    empresa = response.json()
    assert empresa["nif"] == "B64717838" and empresa["cnae"] == "2511"
    mails = await eventually(lambda: _async(district.smtp.to(BELLOTS)), what="the mail")
    assert mails[0].recipients == (BELLOTS,)
    assert mails[0].subject == "Nova empresa al polígon Els Bellots: Metabell"
    assert "Raó social: Metalls Bellots SL" in mails[0].text
    assert "Activitat (CNAE-2009): 2511" in mails[0].text
    assert "sou l'ens gestor del polígon Els Bellots" in mails[0].text

    await settled(district)
    assert len(district.smtp.to(BELLOTS)) == 1
    [notificacio] = await district.notificacions(BELLOTS)
    assert notificacio["estat"] == "enviada" and notificacio["canal"] == "email"
    registered = await _last_event(district, "districte.census.EmpresaRegistrada.v1")
    sent = await _last_event(district, "districte.notifications.NotificacioEnviada.v1")
    assert registered["data"]["empresa_id"] == empresa["empresa_id"]
    assert notificacio["causa"] == registered["id"] == sent["data"]["causa"]
    assert sent["correlationid"] == registered["correlationid"]
    assert sent["causationid"] == registered["id"]
    stored = await district.http.get(f"/api/v1/empreses/{empresa['empresa_id']}")
    assert stored.status_code == 200 and stored.json()["rao_social"] == "Metalls Bellots SL"

    # Logs: JSON lines; a handled message's lines carry its ids; no personal data anywhere.
    logs = {service: district.log(service, whole=True) for service in district.processes}
    for text in logs.values():
        for personal in (BELLOTS, "info@metabell.example", "B64717838", "937 000 000"):
            assert personal not in text
    sent_lines = [orjson.loads(line) for line in logs["notifications"].splitlines()
                  if '"notification_sent"' in line]
    assert sent_lines and all(
        line["event_id"] == registered["id"] and line["correlation_id"] == registered["correlationid"]
        for line in sent_lines)
    assert await district.metric("notifications", "districte_messages_handled_total") >= 21
    assert await district.metric("census", "districte_events_published_total") >= 21


@pytest.mark.one_database
async def test_an_estate_without_management_body_notifies_staff(district: District) -> None:
    await district.start_all("census", "notifications", "portal")
    response = await district.register_empresa(
        nif="A58818501", rao_social="Tèxtils del Vallès SA", cnae="1392", poligon_id="can-petit")
    assert response.status_code == 201, response.text

    mails = await eventually(lambda: _async(district.smtp.to(STAFF_EMAIL)), what="the staff mail")
    assert mails[0].subject == "Nova empresa al polígon Can Petit: Tèxtils del Vallès SA"
    assert "encara no té cap ens gestor" in mails[0].text


async def _async(value):  # type: ignore[no-untyped-def]
    return value


async def _last_event(district: District, subject: str) -> dict:
    js = (await district.bus()).jetstream()
    stream = subject.split(".")[1].upper()
    message = await eventually(lambda: _last(js, stream, subject), what=subject)
    return orjson.loads(message.data)


async def _last(js, stream: str, subject: str):  # type: ignore[no-untyped-def]
    try:
        return await js.get_last_msg(stream, subject)
    except Exception:  # noqa: BLE001 - not there yet
        return None
