"""Offers, demands and leads through the portal, location, NATS, notifications and SMTP."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.support.district import STAFF_EMAIL, District
from tests.support.premises import demanda_body, oferta_body
from tests.support.settling import settled
from tests.support.waiting import eventually

JUNTA = "junta@canparellada.example"
COMPANY = "direccio@plastics-egara.example"
AGENT = "agencia@valles.example"
LOCATION_CONSUMERS = (("LOCATION", "notifications-location"), ("CENSUS", "notifications-census"))


async def start(district: District, **extra: str) -> None:
    await district.start_all("census", "location", "notifications", "portal", **extra)

    async def estates_known() -> bool:
        js = (await district.bus()).jetstream()
        info = await js.consumer_info("CENSUS", "location-census")
        return info.delivered.stream_seq >= 19 and not info.num_pending and not info.num_ack_pending

    await eventually(estates_known, what="location to know the estates")


async def test_an_offer_meets_a_demand_and_everyone_hears_what_concerns_them(district: District) -> None:
    await start(district)
    await district.register_ens_gestor("can-parellada-industrial", JUNTA, "Junta de Can Parellada Industrial")
    demand = await district.http.post("/api/v1/demandes", headers=district.staff,
                                      json=demanda_body(alcada_min_m=8))
    assert demand.status_code == 201, demand.text
    demanda_id = demand.json()["demanda_id"]

    offer = await district.http.post("/api/v1/ofertes", headers=district.staff, json=oferta_body(
        adreca="Carrer de la Mineria, 4", ref_cadastral="9872023 VH5797S 0001 WX"))
    assert offer.status_code == 201, offer.text
    oferta = offer.json()
    assert oferta["ref_cadastral"] == "9872023VH5797S0001WX" and oferta["estat"] == "disponible"

    [to_junta] = await district.mails(JUNTA, 1)
    assert to_junta.subject == "Nova nau disponible a Can Parellada Industrial: 2.400 m², lloguer 9.600 €/mes"
    assert "Carrer de la Mineria, 4" in to_junta.text
    [to_staff] = await district.mails(STAFF_EMAIL, 1)
    assert to_staff.subject == to_junta.subject
    [lead_mail] = await district.mails(COMPANY, 1)
    assert lead_mail.subject == "Una oferta encaixa amb el que busqueu: 2.400 m² a Can Parellada Industrial"
    assert "- superfície dins del rang (2.400 m²)" in lead_mail.text
    assert "- alçada lliure 10 m ≥ 8 m" in lead_mail.text
    assert AGENT not in lead_mail.text  # the contact is told of the company, not the other way

    public = (await district.http.get("/api/v1/ofertes", params={"poligon": "can-parellada-industrial"})).json()
    assert public["total"] == 1 and public["items"][0]["contacte"] is None
    staff_view = (await district.http.get(f"/api/v1/ofertes/{oferta['oferta_id']}", headers=district.staff)).json()
    assert staff_view["contacte"]["email"] == AGENT
    [lead] = (await district.http.get(f"/api/v1/demandes/{demanda_id}/coincidencies",
                                      headers=district.staff)).json()
    assert lead["oferta"]["oferta_id"] == oferta["oferta_id"] and 0 < lead["puntuacio"] <= 1
    assert "lloguer 9.600 €/mes ≤ 10.000 €/mes" in lead["motius"]

    interested, not_interested = links_in(lead_mail)  # the company answers from its mail
    answer = await district.http.post(f"/api/v1/enllacos/{interested}")
    assert answer.status_code == 200 and answer.json()["accio"] == "m_interessa", answer.text
    too_late = await district.http.post(f"/api/v1/enllacos/{not_interested}")
    assert too_late.status_code == 409  # its details already went to the contact
    [to_agent] = await district.mails(AGENT, 1)
    assert to_agent.subject == "Una empresa s'interessa per la vostra oferta a Can Parellada Industrial: Plàstics Egara SL"
    assert f"Correu: {COMPANY}" in to_agent.text

    cheaper = await district.http.patch(f"/api/v1/ofertes/{oferta['oferta_id']}", headers=district.staff,
                                        json={"preu_eur": 9000})
    assert cheaper.status_code == 200 and cheaper.json()["preu_eur"] == 9000
    better = (await district.mails(COMPANY, 2))[1]
    assert better.subject.startswith("Ha millorat una oferta per a vosaltres")
    assert "lloguer 9.000 €/mes ≤ 10.000 €/mes" in better.text

    let = await district.http.post(f"/api/v1/ofertes/{oferta['oferta_id']}/retirada",
                                   headers=district.staff, json={"motiu": "llogada"})
    assert let.status_code == 200 and let.json()["estat"] == "llogada"
    gone = (await district.mails(COMPANY, 3))[2]
    assert gone.subject == "Ja no està disponible: 2.400 m² a Can Parellada Industrial"
    assert "s'ha llogat" in gone.text
    after = (await district.http.get("/api/v1/ofertes", params={"poligon": "can-parellada-industrial"})).json()
    assert after["total"] == 0

    closed = await district.http.post(f"/api/v1/demandes/{demanda_id}/tancament", headers=district.staff,
                                      json={"resultat": "instal·lada_a_terrassa"})
    assert closed.status_code == 200 and closed.json()["estat"] == "tancada"

    await settled(district, *LOCATION_CONSUMERS)
    assert [len(district.smtp.to(a)) for a in (JUNTA, STAFF_EMAIL, COMPANY, AGENT)] == [1, 1, 3, 1]


async def test_a_lead_delivered_twice_is_mailed_once(district: District) -> None:
    await start(district)
    await district.http.post("/api/v1/demandes", headers=district.staff, json=demanda_body())
    await district.http.post("/api/v1/ofertes", headers=district.staff, json=oferta_body())
    await district.mails(COMPANY, 1)

    js = (await district.bus()).jetstream()
    original = await js.get_last_msg("LOCATION", "districte.location.CoincidenciaTrobada.v1")
    await js.publish(original.subject, original.data, headers={"Nats-Msg-Id": "another-id"})

    await settled(district, *LOCATION_CONSUMERS)
    assert len(district.smtp.to(COMPANY)) == 1


# (case, body changes, offending field)
INVALID_OFFERS = [
    ("superfície zero", {"superficie_m2": 0}, "superficie_m2"),
    ("superfície negativa", {"superficie_m2": -10}, "superficie_m2"),
    ("preu negatiu", {"preu_eur": -1}, "preu_eur"),
    ("tipus desconegut", {"tipus": "castell"}, "tipus"),
    ("polígon desconegut", {"poligon_id": "enlloc"}, "poligon_id"),
    ("referència cadastral falsa", {"ref_cadastral": "9872023VH5797S0001WA"}, "ref_cadastral"),
    ("lloguer sense venda", {"preu_lloguer_eur": 500}, "preu_lloguer_eur"),
    ("lloguer o venda sense lloguer", {"operacio": "lloguer_o_venda"}, "preu_lloguer_eur"),
    ("oficines més grans que la nau", {"superficie_oficines_m2": 5000}, "superficie_oficines_m2"),
    ("alçada absurda", {"alcada_lliure_m": 500}, "alcada_lliure_m"),
    ("contacte sense correu", {"contacte": {"nom": "X"}}, "contacte.email"),
    ("camp desconegut", {"piscina": True}, "piscina"),
]
INVALID_DEMANDS = [
    ("sense consentiment", {"consentiment": False}, "consentiment"),
    ("mínim més gran que el màxim", {"superficie_min_m2": 4000}, "superficie_max_m2"),
    ("superfície zero", {"superficie_min_m2": 0}, "superficie_min_m2"),
    ("NIF erroni", {"empresa": {"nom": "X SL", "email": "x@x.example", "nif": "B64717839"}}, "empresa.nif"),
    ("polígon desconegut", {"poligons": ["enlloc"]}, "poligons"),
    ("cap tipus", {"tipus": []}, "tipus"),
    ("pressupost de venda en un lloguer", {"preu_max_venda_eur": 100_000}, "preu_max_venda_eur"),
    ("correu no vàlid", {"empresa": {"nom": "X SL", "email": "no-es-correu"}}, "empresa.email"),
]


@pytest.mark.one_database
async def test_bad_offers_and_demands_are_refused_and_change_nothing(district: District) -> None:
    await start(district)
    baseline = await _state(district)

    for path, valid, cases in (("/api/v1/ofertes", oferta_body, INVALID_OFFERS),
                               ("/api/v1/demandes", demanda_body, INVALID_DEMANDS)):
        for case, changes, field in cases:
            response = await district.http.post(path, headers=district.staff, json=valid(**changes))
            assert response.status_code == 422, (case, response.text)
            errors = response.json()["errors"]
            assert field in [e["camp"] for e in errors], (case, errors)
            assert all(e["motiu"] for e in errors), case

    anonymous = await district.http.post("/api/v1/ofertes", json=oferta_body())
    assert anonymous.status_code == 401
    unknown = await district.http.patch("/api/v1/ofertes/5f0c1d9e-0000-4000-8000-000000000001",
                                        headers=district.staff, json={"preu_eur": 1000})
    assert unknown.status_code == 404
    emptied = await district.http.patch("/api/v1/ofertes/5f0c1d9e-0000-4000-8000-000000000001",
                                        headers=district.staff, json={"preu_eur": None})
    assert emptied.status_code == 422 and emptied.json()["errors"][0]["camp"] == "preu_eur"
    assert await _state(district) == baseline

    created = (await district.http.post("/api/v1/ofertes", headers=district.staff, json=oferta_body())).json()
    path = f"/api/v1/ofertes/{created['oferta_id']}"
    assert (await district.http.post(f"{path}/retirada", headers=district.staff, json={})).status_code == 200
    again = await district.http.post(f"{path}/retirada", headers=district.staff, json={})
    assert again.status_code == 409 and "ja s'havia retirat" in again.json()["detail"]
    late_change = await district.http.patch(path, headers=district.staff, json={"preu_eur": 1000})
    assert late_change.status_code == 409

    obsolete = (await district.http.post("/api/v1/ofertes", headers=district.staff,
                                         json=oferta_body(estat_conservacio="obsolet"))).json()
    public = (await district.http.get("/api/v1/ofertes")).json()["items"]
    staff = (await district.http.get("/api/v1/ofertes", headers=district.staff)).json()["items"]
    assert obsolete["oferta_id"] not in [o["oferta_id"] for o in public]  # never shown as stock
    assert obsolete["oferta_id"] in [o["oferta_id"] for o in staff]


async def _state(district: District) -> tuple[int, int, int]:
    """(offers stored, demands stored, events in the location stream)."""
    offers = await district.http.get("/api/v1/ofertes", headers=district.staff,
                                     params={"inclou_fora_mercat": True})
    demands = await district.http.get("/api/v1/demandes", headers=district.staff)
    return offers.json()["total"], demands.json()["total"], await district.stream_messages("LOCATION")


def links_in(mail: Any) -> list[str]:
    return re.findall(r"/enllac/(\S+)", mail.text)


@pytest.mark.one_database
async def test_mailed_links_confirm_a_demand_and_keep_an_offer_fresh(district: District) -> None:
    # Offers valid 10 days: every new offer is already within the 14 days of its reminder.
    await start(district, DISTRICTE_OFERTA_VIGENCIA_DIES="10", DISTRICTE_CADUCITAT_INTERVAL_S="0.2")
    filed = await district.http.post("/api/v1/demandes", json=demanda_body())  # no account
    assert filed.status_code == 201 and filed.json()["estat"] == "pendent"
    demanda_id = filed.json()["demanda_id"]
    [confirm_mail] = await district.mails(COMPANY, 1)
    assert confirm_mail.subject == "Confirmeu la vostra demanda d'espai al districte industrial de Terrassa"
    [token] = links_in(confirm_mail)

    page = await district.http.get(f"/enllac/{token}")
    assert page.status_code == 200 and 'method="post"' in page.text
    pending = await district.http.get(f"/api/v1/demandes/{demanda_id}", headers=district.staff)
    assert pending.json()["estat"] == "pendent"  # opening the link changed nothing
    confirmed = await district.http.post(f"/api/v1/enllacos/{token}")
    assert confirmed.status_code == 200 and confirmed.json()["accio"] == "confirmar_demanda"
    again = await district.http.post(f"/api/v1/enllacos/{token}")
    assert again.status_code == 409

    offer = await district.http.post("/api/v1/ofertes", headers=district.staff, json=oferta_body())
    oferta_id = offer.json()["oferta_id"]
    await district.mails(COMPANY, 2)  # the lead, now that the demand is active
    reminder = (await district.mails(AGENT, 1))[0]
    assert reminder.subject == "Encara està disponible? 2.400 m² a Can Parellada Industrial"
    keep, withdraw = links_in(reminder)

    done = await district.http.post(f"/enllac/{keep}")
    assert done.status_code == 200 and "continua disponible" in done.text
    reused = await district.http.post(f"/enllac/{keep}")
    assert reused.status_code == 409 and "ja s&#39;ha fet servir" in reused.text
    superseded = await district.http.post(f"/api/v1/enllacos/{withdraw}")
    assert superseded.status_code == 409
    forged = await district.http.post(f"/api/v1/enllacos/{keep[:-4]}AAAA")
    assert forged.status_code == 400 and forged.json()["detail"] == "Aquest enllaç no és vàlid."
    still = await district.http.get(f"/api/v1/ofertes/{oferta_id}")
    assert still.json()["estat"] == "disponible"
