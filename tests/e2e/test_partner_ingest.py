"""Partner systems publish offers as events: validated like an API call, upserted by their own
id, refused ones dead-lettered and explained to the partner's contact."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.support.district import District
from tests.support.identifiers import valid_cif
from tests.support.partners import partner_envelope, partner_subject
from tests.support.premises import oferta_body
from tests.support.settling import settled
from tests.support.waiting import eventually

PARTNER = "agencia-valles"
PARTNER_CONTACT = "it@agenciavalles.example"
PARTNERS = json.dumps({PARTNER: PARTNER_CONTACT})
CONSUMERS = (("LOCATION", "notifications-location"), ("INGEST", "location-ingest"))


async def publish(district: District, reference: str, data: dict[str, Any], partner: str = PARTNER) -> None:
    js = (await district.bus()).jetstream()
    await js.publish(partner_subject(partner, "OfertaExterna"), partner_envelope(partner, "OfertaExterna", reference, data))


async def offers(district: District) -> list[dict[str, Any]]:
    listing = await district.http.get("/api/v1/ofertes", headers=district.staff,
                                      params={"inclou_fora_mercat": True})
    return listing.json()["items"]


async def location_events(district: District, name: str) -> int:
    js = (await district.bus()).jetstream()
    info = await js.stream_info("LOCATION", subjects_filter=f"districte.location.{name}.v1")
    return (info.state.subjects or {}).get(f"districte.location.{name}.v1", 0)


@pytest.mark.one_database
async def test_a_partner_publishes_updates_and_withdraws_an_offer(district: District) -> None:
    await district.start_all("census", "location", "notifications", "portal", DISTRICTE_INGEST_PARTNERS=PARTNERS)
    await eventually(lambda: _estates_known(district), what="location to know the estates")

    await publish(district, "REF-001", oferta_body(preu_eur=9600))
    [created] = await eventually(lambda: offers(district), what="the partner's offer")
    assert created["preu_eur"] == 9600 and created["estat"] == "disponible"

    await publish(district, "REF-001", oferta_body(preu_eur=9100))
    await eventually(lambda: _with_price(district, 9100), what="the update")
    await publish(district, "REF-001", oferta_body(preu_eur=9100) | {"estat": "llogada"})
    await eventually(lambda: _in_state(district, "llogada"), what="the withdrawal")

    await settled(district, *CONSUMERS)
    assert [o["oferta_id"] for o in await offers(district)] == [created["oferta_id"]]
    assert [await location_events(district, n) for n in ("NauDisponible", "OfertaActualitzada", "OfertaRetirada")] \
        == [1, 1, 1]


@pytest.mark.one_database
async def test_refused_offers_become_dead_letters_and_the_partner_is_told_why(district: District) -> None:
    await district.start_all("census", "location", "notifications", "portal", DISTRICTE_INGEST_PARTNERS=PARTNERS)
    await eventually(lambda: _estates_known(district), what="location to know the estates")

    await publish(district, "REF-BAD", oferta_body(superficie_m2=0, poligon_id="enlloc"))
    await publish(district, "REF-X", oferta_body(), partner="desconegut")
    await publish(district, "REF-OK", oferta_body())

    [mail] = await eventually(lambda: _mails(district, PARTNER_CONTACT), what="the partner's mail")
    assert mail.subject == "Oferta no publicada: REF-BAD"
    assert "superficie_m2: ha de ser més gran que 0" in mail.text
    letters = await eventually(lambda: _dead_letters(district, 2), what="two dead letters")
    reasons = sorted(letter["reason"] for letter in letters)
    assert "soci desconegut: 'desconegut'" in reasons[1]
    assert "rebutjada (REF-BAD)" in reasons[0] and "superficie_m2" in reasons[0]
    await eventually(lambda: offers(district), what="the good offer, after the bad ones")

    await settled(district, *CONSUMERS)
    assert len(district.smtp.to(PARTNER_CONTACT)) == 1
    assert len(await offers(district)) == 1


async def _estates_known(district: District) -> bool:
    js = (await district.bus()).jetstream()
    info = await js.consumer_info("CENSUS", "location-census")
    return info.delivered.stream_seq >= 19 and not info.num_pending and not info.num_ack_pending


async def _with_price(district: District, price: int) -> bool:
    return any(o["preu_eur"] == price for o in await offers(district))


async def _in_state(district: District, state: str) -> bool:
    return any(o["estat"] == state for o in await offers(district))


async def _mails(district: District, address: str) -> list[Any]:
    return district.smtp.to(address)


async def _dead_letters(district: District, count: int,
                        consumer: str = "location-ingest") -> list[dict[str, Any]] | None:
    response = await district.http.get("/api/v1/admin/dead-letters", headers=district.staff)
    letters = [letter for letter in response.json() if letter["consumer"] == consumer]
    return letters if len(letters) >= count else None


@pytest.mark.one_database
async def test_a_partner_publishes_companies_and_hears_why_one_was_refused(district: District) -> None:
    await district.start_all("census", "notifications", "portal", DISTRICTE_INGEST_PARTNERS=PARTNERS)
    js = (await district.bus()).jetstream()
    good = {"nif": valid_cif(31), "rao_social": "Tallers Egara SL", "cnae": "2511", "poligon_id": "PI CAN FARCAN"}
    for reference, data in (("EXP-BAD", good | {"nif": "B12345678", "cnae": "25"}), ("EXP-1", good),
                            ("EXP-1", good | {"treballadors": 14})):
        await js.publish(partner_subject(PARTNER, "EmpresaExterna"),
                         partner_envelope(PARTNER, "EmpresaExterna", reference, data))

    [mail] = await eventually(lambda: _mails(district, PARTNER_CONTACT), what="the partner's mail")
    assert mail.subject == "Empresa no registrada: EXP-BAD"
    assert "nif: NIF/CIF no vàlid" in mail.text and "cnae:" in mail.text
    [letter] = await eventually(lambda: _dead_letters(district, 1, "census-ingest"), what="the dead letter")
    assert "rebutjada (EXP-BAD)" in letter["reason"]

    await settled(district, ("INGEST", "census-ingest"), ("CENSUS", "notifications-census"))
    listing = await district.http.get("/api/v1/empreses", headers=district.staff, params={"poligon": "can-farcan"})
    [company] = listing.json()["items"]
    assert (company["rao_social"], company["treballadors"], company["font"]) == ("Tallers Egara SL", 14, "soci")
