"""A management body has its notifications POSTed to its own system: registered, tried and
removed through the portal; deliveries signed as documented. Real processes, NATS and HTTP."""

from __future__ import annotations

import pytest

from tests.support.district import District
from tests.support.identifiers import valid_cif
from tests.support.waiting import eventually
from tests.support.webhook_receiver import WebhookReceiver, documented_verify

BELLOTS = "junta@bellots.example"


@pytest.mark.one_database
async def test_a_registered_webhook_receives_the_notifications_signed(district: District) -> None:
    await district.start_all("census", "notifications", "portal")
    await district.register_ens_gestor("els-bellots", BELLOTS, "Junta del Polígon dels Bellots")
    junta = await district.token("ens_gestor", BELLOTS)

    async with WebhookReceiver() as receiver:
        created = await district.http.post("/api/v1/webhooks", headers=junta,
                                           json={"url": receiver.url, "descripcio": "ERP de la junta"})
        assert created.status_code == 201, created.text
        webhook = created.json()
        assert webhook["secret"].startswith("whsec_") and webhook["actiu"]
        tried = await district.http.post(f"/api/v1/webhooks/{webhook['webhook_id']}/prova", headers=junta)
        assert tried.status_code == 200 and tried.json() == {"lliurat": True, "codi_http": 200, "error": None}
        chosen = await district.http.put("/api/v1/preferencies", headers=junta,
                                         json={"tipus": ["empresa_registrada"], "canals": ["webhook", "app"]})
        assert chosen.status_code == 200, chosen.text

        registered = await district.register_empresa(nif=valid_cif(7), rao_social="Metalls Bellots SL",
                                                     cnae="2511", poligon_id="els-bellots")
        assert registered.status_code == 201, registered.text

        async def delivered() -> list:
            return [d for d in receiver.received if d.event["type"].endswith("empresa_registrada.v1")]

        [delivery] = await eventually(delivered, what="the webhook delivery")
    assert documented_verify()(webhook["secret"], delivery.headers, delivery.body)
    assert delivery.event["data"]["dades"]["empresa_id"] == registered.json()["empresa_id"]
    assert district.smtp.to(BELLOTS) == []  # not by mail, as chosen

    async def logged() -> list:
        return [n for n in await district.notificacions(BELLOTS, canal="webhook") if n["estat"] == "enviada"]

    await eventually(logged, what="the delivery in the log")
    listed = (await district.http.get("/api/v1/webhooks", headers=junta)).json()
    assert [w["webhook_id"] for w in listed] == [webhook["webhook_id"]] and "secret" not in listed[0]
    assert [w["webhook_id"] for w in (await district.http.get("/api/v1/webhooks", headers=district.staff)).json()] \
        == [webhook["webhook_id"]]
    other = await district.token("ens_gestor", "altra@junta.example")
    assert (await district.http.get("/api/v1/webhooks", headers=other)).json() == []
    path = f"/api/v1/webhooks/{webhook['webhook_id']}"
    assert (await district.http.delete(path, headers=other)).status_code == 404
    assert (await district.http.post(f"{path}/prova", headers=other)).status_code == 404
    assert (await district.http.delete(path, headers=junta)).status_code == 204
    assert (await district.http.get("/api/v1/webhooks", headers=junta)).json() == []


@pytest.mark.one_database
async def test_bad_webhooks_are_refused_in_catalan_and_nothing_is_stored(district: District) -> None:
    await district.start_all("notifications", "portal")
    junta = await district.token("ens_gestor", BELLOTS)
    no_address = await district.token("empresa")

    for body, field in (({"url": "ftp://bellots.example/x"}, "url"), ({"url": ""}, "url"),
                        ({"url": "https://no-existeix.invalid/x"}, "url"),
                        ({"url": "https://bellots.example/x", "tipus": ["cap"]}, "tipus.0"),
                        ({"url": "https://bellots.example/x", "secret": "meu"}, "secret")):
        refused = await district.http.post("/api/v1/webhooks", headers=junta, json=body)
        assert refused.status_code == 422, (body, refused.text)
        assert field in [e["camp"] for e in refused.json()["errors"]], refused.text
    assert (await district.http.post("/api/v1/webhooks", json={"url": "https://x.example"})).status_code == 401
    assert (await district.http.post("/api/v1/webhooks", headers=no_address,
                                     json={"url": "https://x.example"})).status_code == 403
    without_webhook = await district.http.put("/api/v1/preferencies", headers=junta,
                                              json={"tipus": ["nau_disponible"], "canals": ["webhook"]})
    assert without_webhook.status_code == 422 and without_webhook.json()["errors"][0]["camp"] == "canals"
    assert (await district.http.get("/api/v1/webhooks", headers=district.staff)).json() == []
