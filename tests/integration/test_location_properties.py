"""Properties of matching on a real database (hypothesis): a lead never breaks a hard filter,
the same pairs are found whichever side arrives last, and the database's matching query
finds, scores and explains exactly as the reference matcher ``avalua``."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from services.location.adapters.links import LinkSigner
from services.location.adapters.tables import coincidencies, demanda_franges, demandes, ofertes
from services.location.domain.matching import avalua
from services.location.service_layer import demands, offers
from shared.contracts.location import ESTATS_CONSERVACIO
from shared.contracts.location_api import PublicarOferta, RegistrarDemanda
from shared.persistence.messaging_tables import outbox
from tests.support.premises import ESTATES, demanda_body, oferta_body

TYPES = ("nau", "solar", "oficina")
CONDITIONS = st.sampled_from(ESTATS_CONSERVACIO)

offer_bodies = st.builds(
    lambda tipus, operacio, surface, price, rent, estate, condition, height, power, docks, trailer: oferta_body(
        tipus=tipus, operacio=operacio, superficie_m2=surface, preu_eur=price, poligon_id=estate,
        estat_conservacio=condition, alcada_lliure_m=height, potencia_kw=power, molls_carrega=docks,
        acces_trailer=trailer, preu_lloguer_eur=rent if operacio == "lloguer_o_venda" else None),
    st.sampled_from(TYPES), st.sampled_from(("lloguer", "venda", "lloguer_o_venda")),
    st.integers(100, 6000), st.integers(1000, 2_000_000), st.integers(1000, 30_000),
    st.sampled_from(ESTATES), CONDITIONS, st.none() | st.floats(3, 14), st.none() | st.floats(0, 500),
    st.none() | st.integers(0, 4), st.none() | st.booleans())

demand_bodies = st.builds(
    lambda tipus, operacio, low, width, budget, sale_budget, estates, condition, height, power, docks,
    trailer: demanda_body(
        tipus=tipus, operacio=operacio, superficie_min_m2=low,
        superficie_max_m2=None if width is None else low + width, preu_max_eur=budget,
        preu_max_venda_eur=sale_budget if operacio == "lloguer_o_venda" else None,
        poligons=estates, accepta_estat=condition, alcada_min_m=height, potencia_min_kw=power,
        molls_min=docks, acces_trailer=trailer),
    st.lists(st.sampled_from(TYPES), min_size=1, max_size=3, unique=True),
    st.sampled_from(("lloguer", "venda", "lloguer_o_venda")), st.integers(100, 5000),
    st.none() | st.integers(0, 3000), st.none() | st.integers(1000, 2_000_000),
    st.none() | st.integers(100_000, 2_000_000), st.lists(st.sampled_from(ESTATES), max_size=2, unique=True),
    CONDITIONS, st.none() | st.floats(3, 12), st.none() | st.floats(0, 300), st.none() | st.integers(0, 3),
    st.booleans())


# A few offers and requests at a time: small markets reach every rule's edge soon enough.
_markets = given(offer_list=st.lists(offer_bodies, min_size=1, max_size=6),
                 demand_list=st.lists(demand_bodies, min_size=1, max_size=6))


def _examples(count: int):  # type: ignore[no-untyped-def]
    return settings(max_examples=count, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def fits(offer: dict, demand: dict) -> bool:
    """The hard filters written out again, independently of the matcher."""
    rent = offer["preu_eur"] if offer["operacio"] == "lloguer" else offer.get("preu_lloguer_eur")
    sale = offer["preu_eur"] if offer["operacio"] != "lloguer" else None
    ways = []
    if demand["operacio"] in ("lloguer", "lloguer_o_venda") and rent is not None:
        ways.append(demand["preu_max_eur"] is None or rent <= demand["preu_max_eur"])
    if demand["operacio"] == "venda" and sale is not None:
        ways.append(demand["preu_max_eur"] is None or sale <= demand["preu_max_eur"])
    if demand["operacio"] == "lloguer_o_venda" and sale is not None:
        ways.append(demand["preu_max_venda_eur"] is None or sale <= demand["preu_max_venda_eur"])
    height = offer["alcada_lliure_m"]
    return (offer["tipus"] in demand["tipus"]
            and demand["superficie_min_m2"] <= offer["superficie_m2"]
            and (demand["superficie_max_m2"] is None or offer["superficie_m2"] <= demand["superficie_max_m2"])
            and (not demand["poligons"] or offer["poligon_id"] in demand["poligons"])
            and ESTATS_CONSERVACIO.index(offer["estat_conservacio"])
            <= ESTATS_CONSERVACIO.index(demand["accepta_estat"])
            and (demand["alcada_min_m"] is None or (height is not None and height >= demand["alcada_min_m"]))
            and (demand["potencia_min_kw"] is None
                 or (offer["potencia_kw"] is not None and offer["potencia_kw"] >= demand["potencia_min_kw"]))
            and (not demand["molls_min"]
                 or (offer["molls_carrega"] is not None and offer["molls_carrega"] >= demand["molls_min"]))
            and (not demand["acces_trailer"] or offer["acces_trailer"] is True)
            and any(ways))


async def _run(uow, offer_list: list[dict], demand_list: list[dict], offers_first: bool) -> set[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """Apply both lists in one order; the leads as (offer index, demand index)."""
    async with uow() as tx:
        for table in (coincidencies, ofertes, demandes, demanda_franges, outbox):
            await tx.connection.execute(delete(table))
        await tx.commit()
    offer_ids, demand_ids = {}, {}

    async def add_offers() -> None:
        for i, body in enumerate(offer_list):
            created = await offers.publicar_oferta(PublicarOferta(**body), uow, timedelta(days=90), "p")
            offer_ids[str(created.oferta_id)] = i

    async def add_demands() -> None:
        for j, body in enumerate(demand_list):
            command = RegistrarDemanda(**body, verificada=True)
            created = await demands.registrar_demanda(command, uow, LinkSigner("s" * 40), "p")
            demand_ids[str(created.demanda_id)] = j

    for step in ((add_offers, add_demands) if offers_first else (add_demands, add_offers)):
        await step()
    async with uow.args[0].reading() as connection:
        rows = await connection.execute(select(outbox.c.payload).where(
            outbox.c.subject == "districte.location.CoincidenciaTrobada.v1"))
        found = [orjson.loads(row.payload)["data"] for row in rows]
    pairs = [(offer_ids[f["oferta_id"]], demand_ids[f["demanda_id"]]) for f in found]
    assert len(pairs) == len(set(pairs)), "one lead per pair"
    return set(pairs)


@_examples(30)
@_markets
async def test_leads_respect_the_hard_filters_and_do_not_depend_on_arrival_order(
        uow, offer_list: list[dict], demand_list: list[dict]) -> None:  # type: ignore[no-untyped-def]
    offers_first = await _run(uow, offer_list, demand_list, offers_first=True)
    demands_first = await _run(uow, offer_list, demand_list, offers_first=False)

    assert offers_first == demands_first
    assert offers_first == {(i, j) for i, o in enumerate(offer_list) for j, d in enumerate(demand_list)
                            if fits(o, d)}


async def _stored(uow, offer_list: list[dict], demand_list: list[dict]):  # type: ignore[no-untyped-def]
    """The offers and (active) demands, as the domain holds them, stored without matching."""
    now = datetime.now(UTC)
    stored_offers = [offers.new_offer(PublicarOferta(**body), set(ESTATES), now, timedelta(days=90))
                     for body in offer_list]
    stored_demands = [demands.new_demand(RegistrarDemanda(**body, verificada=True), set(ESTATES), now)
                      for body in demand_list]
    async with uow() as tx:
        for table in (ofertes, demandes, demanda_franges):
            await tx.connection.execute(delete(table))
        await tx.ofertes.add_many(stored_offers, now)
        await tx.demandes.add_many(stored_demands)
        await tx.commit()
    return stored_offers, stored_demands


def _same(found: dict, expected: dict) -> None:
    assert found.keys() == expected.keys()
    for key, evaluation in expected.items():
        assert (found[key].puntuacio, found[key].preu_referencia, found[key].motius) == (
            evaluation.puntuacio, evaluation.preu_referencia, evaluation.motius)


@_examples(60)
@_markets
async def test_the_database_finds_scores_and_explains_pairs_as_the_reference_matcher(
        uow, offer_list: list[dict], demand_list: list[dict]) -> None:  # type: ignore[no-untyped-def]
    """``avalua`` is the reference; the matching query must agree with it both ways, to the digit."""
    stored_offers, stored_demands = await _stored(uow, offer_list, demand_list)
    async with uow(readonly=True) as tx:
        for oferta in stored_offers:
            expected = {str(d.demanda_id): e for d in stored_demands if (e := avalua(oferta, d)) is not None}
            _same(dict(await tx.demandes.fitting(oferta)), expected)
        for demanda in stored_demands:
            expected = {str(o.oferta_id): e for o in stored_offers if (e := avalua(o, demanda)) is not None}
            _same(dict(await tx.ofertes.fitting(demanda)), expected)
