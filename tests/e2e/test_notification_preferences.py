"""Recipients through the portal: their feed with read marks, their preferences, one-click
unsubscribe from a real mail; a departure told to the estate's body and to staff. Real processes,
NATS, SMTP and HTTP."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.support.district import STAFF_EMAIL, District
from tests.support.identifiers import valid_cif
from tests.support.settling import settled
from tests.support.waiting import eventually

BELLOTS = "junta@bellots.example"


async def arrive(district: District, n: int) -> str:
    response = await district.register_empresa(nif=valid_cif(n), rao_social=f"Empresa {n} SL", cnae="2511",
                                               poligon_id="els-bellots", adreca=f"Carrer de Galileu, {n}")
    assert response.status_code == 201, response.text
    return response.json()["empresa_id"]


async def feed(district: District, headers: dict[str, str], count: int, **params: Any) -> list[dict[str, Any]]:
    async def arrived() -> list[dict[str, Any]]:
        page = (await district.http.get("/api/v1/notificacions", headers=headers, params=params)).json()
        return page["items"] if page["total"] >= count else []

    return await eventually(arrived, what=f"{count} item(s) in the feed")


@pytest.mark.one_database
async def test_a_management_body_reads_its_feed_chooses_what_it_gets_and_unsubscribes(district: District) -> None:
    await district.start_all("census", "notifications", "portal")
    await district.register_ens_gestor("els-bellots", BELLOTS, "Junta del Polígon dels Bellots")
    junta = await district.token("ens_gestor", BELLOTS)

    await arrive(district, 1)
    [mail] = await district.mails(BELLOTS, 1)
    [item] = await feed(district, junta, 1)
    assert (item["canal"], item["tipus"], item["llegida_el"]) == ("app", "empresa_registrada", None)
    assert item["assumpte"] == mail.subject == "Nova empresa al polígon Els Bellots: Empresa 1 SL"

    # Mark read: once, and only one's own.
    read = await district.http.post(f"/api/v1/notificacions/{item['notificacio_id']}/llegida", headers=junta)
    assert read.status_code == 200 and read.json()["llegida_el"], read.text
    unread = (await district.http.get("/api/v1/notificacions", headers=junta, params={"llegida": "false"})).json()
    assert unread["total"] == 0
    other = await district.token("ens_gestor", "altra@junta.example")
    assert (await district.http.post(f"/api/v1/notificacions/{item['notificacio_id']}/llegida",
                                     headers=other)).status_code == 404
    assert (await district.http.get("/api/v1/notificacions", headers=other,
                                    params={"destinatari": BELLOTS})).status_code == 403

    # Preferences: the role's defaults until chosen; then only what was chosen.
    defaults = (await district.http.get("/api/v1/preferencies", headers=junta)).json()
    assert (defaults["desades"], defaults["rol"], defaults["canals"]) == (False, "ens_gestor", ["email", "app"])
    chosen = await district.http.put("/api/v1/preferencies", headers=junta, json={
        "tipus": ["empresa_registrada", "empresa_baixa"], "canals": ["app"], "poligons": ["els-bellots"],
        "idioma": "ca"})
    assert chosen.status_code == 200 and chosen.json()["desades"], chosen.text
    await arrive(district, 2)
    await feed(district, junta, 2)
    await settled(district)
    assert len(district.smtp.to(BELLOTS)) == 1  # the portal only, as chosen

    # One click from the first mail (RFC 8058): no more arrivals, departures still.
    assert mail.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    path = re.fullmatch(r"<https?://[^/]+(/api/v1/baixa/\S+)>", mail.message["List-Unsubscribe"]).group(1)
    assert path.rsplit("/", 1)[1] in mail.text  # the same link is in the body
    page = await district.http.get(path)
    assert page.status_code == 200 and 'method="post"' in page.text
    done = await district.http.post(path, content="List-Unsubscribe=One-Click",
                                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert done.status_code == 200 and done.json()["tipus"] == "empresa_registrada", done.text
    company = await arrive(district, 3)
    left = await district.http.post(f"/api/v1/empreses/{company}/baixa", headers=district.staff,
                                    json={"motiu": "tancament"})
    assert left.status_code == 200, left.text
    [departure, *_] = await feed(district, junta, 3)
    assert (departure["tipus"], departure["assumpte"]) == (
        "empresa_baixa", "Una empresa ha deixat el polígon Els Bellots: Empresa 3 SL")
    [vacancy] = await district.mails(STAFF_EMAIL, 1)
    assert vacancy.subject == "Possible espai lliure al polígon Els Bellots: Carrer de Galileu, 3"
    assert "/api/v1/vacants-possibles?estat=per_verificar&poligon=els-bellots" in vacancy.text
    await settled(district)
    assert [n["tipus"] for n in await district.notificacions(BELLOTS, canal="app")].count(
        "empresa_registrada") == 2  # nothing about company 3's arrival


@pytest.mark.one_database
async def test_bad_preferences_and_links_are_refused_in_catalan_and_change_nothing(district: District) -> None:
    await district.start_all("census", "notifications", "portal")
    junta = await district.token("ens_gestor", BELLOTS)
    no_address = await district.token("empresa")
    good = {"tipus": ["nau_disponible"], "canals": ["email"]}

    for body, field in (({**good, "tipus": ["cap_tipus"]}, "tipus.0"), ({**good, "canals": []}, "canals"),
                        ({**good, "canals": ["fax"]}, "canals.0"), ({**good, "hora_resum": 24}, "hora_resum"),
                        ({**good, "idioma": "fr"}, "idioma"), ({**good, "frequencia": "mensual"}, "frequencia"),
                        ({**good, "color": "blau"}, "color"), ({**good, "poligons": ["no-existeix"]}, "poligons")):
        refused = await district.http.put("/api/v1/preferencies", headers=junta, json=body)
        assert refused.status_code == 422, (body, refused.text)
        assert field in [e["camp"] for e in refused.json()["errors"]], refused.text
    assert (await district.http.put("/api/v1/preferencies", json=good)).status_code == 401
    assert (await district.http.put("/api/v1/preferencies", headers=no_address, json=good)).status_code == 403
    assert (await district.http.get("/api/v1/notificacions", headers=no_address)).status_code == 403
    assert (await district.http.get("/api/v1/preferencies", headers=junta)).json()["desades"] is False

    forged = await district.http.post("/api/v1/baixa/not-a-token")
    assert forged.status_code == 400 and forged.json()["detail"] == "Aquest enllaç de baixa no és vàlid."
    as_page = await district.http.post("/api/v1/baixa/not-a-token", headers={"Accept": "text/html"})
    assert as_page.status_code == 400 and "no és vàlid" in as_page.text
    bad_id = await district.http.post("/api/v1/notificacions/no-uuid/llegida", headers=junta)
    assert bad_id.status_code == 422 and bad_id.json()["errors"][0]["camp"] == "notificacio_id"


@pytest.mark.one_database
async def test_staff_users_hear_what_staff_hear_by_name_in_their_feed_and_as_they_chose(district: District) -> None:
    await district.start_all("census", "notifications", "portal")
    marta = "Marta.Puig@terrassa.example"
    issued = await district.http.post("/api/v1/admin/tokens", headers=district.staff,
                                      json={"nom": "Marta Puig", "rol": "personal_tecnic", "email": marta})
    assert issued.status_code == 201, issued.text
    headers = {"Authorization": f"Bearer {issued.json()['token']}"}

    # Els Bellots has no management body here: staff hear of the arrival, and Marta is staff.
    company = await arrive(district, 1)
    [mailbox] = await district.mails(STAFF_EMAIL, 1)
    [mail] = await district.mails(marta.lower(), 1)
    assert mail.subject == mailbox.subject == "Nova empresa al polígon Els Bellots: Empresa 1 SL"
    assert mail.text.startswith("Marta Puig,") and "encara no té cap ens gestor" in mail.text
    [item] = await feed(district, headers, 1, destinatari=marta, canal="app")  # staff may read anyone's
    assert item["tipus"] == "empresa_registrada"

    # She follows departures no more: the next one reaches the mailbox, not her.
    chosen = await district.http.put("/api/v1/preferencies", headers=headers,
                                     json={"tipus": ["empresa_registrada"], "canals": ["email"]})
    assert chosen.status_code == 200, chosen.text
    left = await district.http.post(f"/api/v1/empreses/{company}/baixa", headers=district.staff,
                                    json={"motiu": "tancament"})
    assert left.status_code == 200, left.text
    [_, vacancy] = await district.mails(STAFF_EMAIL, 2)
    assert vacancy.text.startswith("Personal tècnic de Promoció Industrial,")
    await settled(district)
    assert [n["tipus"] for n in await district.notificacions(marta.lower())] == ["empresa_registrada"]


@pytest.mark.one_database
async def test_no_token_with_an_address_while_notifications_cannot_learn_it(district: District) -> None:
    await district.start_all("census", "portal")
    refused = await district.http.post("/api/v1/admin/tokens", headers=district.staff,
                                       json={"nom": "Marta Puig", "rol": "personal_tecnic",
                                             "email": "marta.puig@terrassa.example"})
    assert refused.status_code == 503, refused.text
    assert "token" not in refused.json()
    without_address = await district.http.post("/api/v1/admin/tokens", headers=district.staff,
                                               json={"nom": "Lector", "rol": "personal_tecnic"})
    assert without_address.status_code == 201, without_address.text
