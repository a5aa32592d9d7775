"""The location service's use cases on real databases: leads both ways, one per pair,
renewed only by a material change; expiry and confirmation; answers to a lead."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from functools import partial

import orjson
import pytest
from sqlalchemy import insert, select

from services.location.adapters.links import InvalidLink, LinkSigner, UsedLink
from services.location.adapters.tables import demanda_franges, demandes, ofertes
from services.location.bootstrap import MIGRATIONS as LOCATION_MIGRATIONS
from services.location.domain.matching import avalua
from services.location.service_layer import demands, links, offers, queries, vacancies
from services.location.service_layer.unit_of_work import LocationUnitOfWork
from shared.contracts import EmpresaDonadaDeBaixa, new_event
from shared.contracts.location_api import (
    ActualitzarOferta,
    LlistarVacants,
    PublicarOferta,
    RegistrarDemanda,
    ResoldreVacant,
    RespondreCoincidencia,
    TancarDemanda,
)
from shared.errors import Conflict, NotFound
from shared.persistence.database import Database
from shared.persistence.messaging_tables import outbox
from shared.persistence.migrations import upgrade
from tests.support.premises import ESTATES, demanda_body, oferta_body

VIGENCIA = timedelta(days=90)
SIGNER = LinkSigner("a-test-secret-that-is-long-enough-0123456789")


async def events(uow, name: str) -> list[dict]:  # type: ignore[no-untyped-def]
    """The ``data`` of each event of that name the outbox holds, in order."""
    database: Database = uow.args[0]
    async with database.reading() as connection:
        rows = await connection.execute(select(outbox.c.payload).where(
            outbox.c.subject == f"districte.location.{name}.v1").order_by(outbox.c.id))
        return [orjson.loads(row.payload)["data"] for row in rows]


async def publish(uow, **changes) -> uuid.UUID:  # type: ignore[no-untyped-def]
    return (await offers.publicar_oferta(PublicarOferta(**oferta_body(**changes)), uow, VIGENCIA, "t")).oferta_id


async def request(uow, **changes) -> uuid.UUID:  # type: ignore[no-untyped-def]
    command = RegistrarDemanda(**demanda_body(**changes), verificada=True)
    return (await demands.registrar_demanda(command, uow, SIGNER, "t")).demanda_id


async def test_a_pair_is_found_whichever_side_comes_first(uow) -> None:  # type: ignore[no-untyped-def]
    early_offer = await publish(uow)
    demand = await request(uow)
    late_offer = await publish(uow, superficie_m2=2800)
    await publish(uow, superficie_m2=5000)  # too big: no lead

    found = await events(uow, "CoincidenciaTrobada")
    assert sorted((e["oferta_id"], e["demanda_id"]) for e in found) == sorted(
        [(str(early_offer), str(demand)), (str(late_offer), str(demand))])
    # The reasons travel as data too, one per Catalan sentence, so mails can word them in any language.
    for lead in found:
        assert len(lead["raons"]) == len(lead["motius"]) and lead["raons"][0]["codi"].startswith("superficie")
        assert {"codi": "estat", "valors": {"estat": "bo"}} in lead["raons"]


async def test_one_lead_per_pair_renewed_only_by_a_material_price_drop(uow) -> None:  # type: ignore[no-untyped-def]
    offer = await publish(uow, preu_eur=9600)
    await request(uow)

    await offers.actualitzar_oferta(ActualitzarOferta(oferta_id=offer, preu_eur=9400), uow, "t")  # -2 %
    await offers.actualitzar_oferta(ActualitzarOferta(oferta_id=offer, descripcio="Pintada"), uow, "t")
    await offers.actualitzar_oferta(ActualitzarOferta(oferta_id=offer, preu_eur=9000), uow, "t")  # -6 %

    found = await events(uow, "CoincidenciaTrobada")
    assert [e["versio"] for e in found] == [1, 2]
    assert len({e["coincidencia_id"] for e in found}) == 1
    assert any("9.000 €/mes" in reason for reason in found[-1]["motius"])
    changes = await events(uow, "OfertaActualitzada")
    assert [c["canvis"][0]["camp"] for c in changes] == ["preu_eur", "descripcio", "preu_eur"]


async def test_an_expired_offer_leaves_matching_and_comes_back_when_confirmed(uow) -> None:  # type: ignore[no-untyped-def]
    offer = await publish(uow)
    later = datetime.now(UTC) + VIGENCIA + timedelta(days=1)

    assert await offers.caducar_ofertes(uow, later) == 1
    assert await offers.caducar_ofertes(uow, later) == 0
    await request(uow)
    assert await events(uow, "CoincidenciaTrobada") == []
    assert [e["motiu"] for e in await events(uow, "OfertaRetirada")] == ["caducada"]

    back = await offers.confirmar_oferta(offer, uow, VIGENCIA, "t")
    assert back.estat == "disponible"
    assert len(await events(uow, "NauDisponible")) == 2
    assert len(await events(uow, "CoincidenciaTrobada")) == 1


async def test_interest_is_expressed_once_and_cannot_be_taken_back(uow) -> None:  # type: ignore[no-untyped-def]
    await publish(uow)
    await request(uow)
    lead = uuid.UUID((await events(uow, "CoincidenciaTrobada"))[0]["coincidencia_id"])

    for _ in range(2):
        await demands.respondre_coincidencia(
            RespondreCoincidencia(coincidencia_id=lead, resposta="m_interessa"), uow, "t")
    with pytest.raises(Conflict):
        await demands.respondre_coincidencia(
            RespondreCoincidencia(coincidencia_id=lead, resposta="descartada"), uow, "t")
    assert len(await events(uow, "InteresExpressat")) == 1


async def test_leads_are_exactly_the_fitting_pairs_found_the_slow_way(uow) -> None:  # type: ignore[no-untyped-def]
    """The database narrows candidates; it must never drop a pair the matcher accepts."""
    for n in range(12):
        await publish(uow, superficie_m2=1500 + 250 * n, preu_eur=6000 + 500 * n,
                      poligon_id=ESTATES[n % 3], estat_conservacio=("nou", "bo", "a_reformar")[n % 3])
    for n in range(8):
        await request(uow, superficie_min_m2=1000 + 400 * n, superficie_max_m2=2500 + 400 * n,
                      preu_max_eur=7000 + 900 * n, poligons=[ESTATES[n % 3]] if n % 2 else [],
                      accepta_estat=("bo", "a_reformar")[n % 2])
    async with uow() as tx:
        all_offers, _ = await tx.ofertes.search([], ofertes.c.creada_el, 0, 1000)
        all_demands, _ = await tx.demandes.search([], 0, 1000)
    expected = {(str(o.oferta_id), str(d.demanda_id)) for o in all_offers for d in all_demands
                if avalua(o, d) is not None}
    found = [(e["oferta_id"], e["demanda_id"]) for e in await events(uow, "CoincidenciaTrobada")]
    assert expected and Counter(found) == Counter(expected)


async def test_the_contact_is_reminded_once_and_its_links_work_once(uow) -> None:  # type: ignore[no-untyped-def]
    offer = await publish(uow)
    soon = datetime.now(UTC) + VIGENCIA - timedelta(days=10)

    assert await links.enviar_recordatoris(uow, SIGNER, soon) == 1
    assert await links.enviar_recordatoris(uow, SIGNER, soon) == 0  # asked once per confirmation
    [reminder] = await events(uow, "OfertaPerCaducar")

    done = await links.usar_enllac(reminder["token_confirmar"], SIGNER, uow, VIGENCIA, "t")
    assert done.accio == "confirmar_oferta" and done.id == offer
    for used in (reminder["token_confirmar"], reminder["token_retirar"]):
        with pytest.raises(UsedLink):
            await links.usar_enllac(used, SIGNER, uow, VIGENCIA, "t")
    with pytest.raises(InvalidLink):
        await links.usar_enllac(reminder["token_retirar"][:-3] + "abc", SIGNER, uow, VIGENCIA, "t")

    assert await links.enviar_recordatoris(uow, SIGNER, datetime.now(UTC)) == 0  # renewed for 90 days
    assert await links.enviar_recordatoris(uow, SIGNER, soon + timedelta(days=1)) == 1  # a new cycle
    fresh = (await events(uow, "OfertaPerCaducar"))[-1]
    await links.usar_enllac(fresh["token_retirar"], SIGNER, uow, VIGENCIA, "t")
    assert [e["motiu"] for e in await events(uow, "OfertaRetirada")] == ["retirada"]


async def test_a_demand_filed_without_account_waits_for_its_confirmation(uow) -> None:  # type: ignore[no-untyped-def]
    await publish(uow)
    command = RegistrarDemanda(**demanda_body(), verificada=False)
    demand = await demands.registrar_demanda(command, uow, SIGNER, "t")

    assert demand.estat == "pendent"
    assert await events(uow, "DemandaRegistrada") == [] and await events(uow, "CoincidenciaTrobada") == []
    [waiting] = await events(uow, "DemandaPerConfirmar")
    assert waiting["empresa"]["email"] == "direccio@plastics-egara.example"

    await links.usar_enllac(waiting["token_confirmar"], SIGNER, uow, VIGENCIA, "t")
    assert len(await events(uow, "DemandaRegistrada")) == 1
    assert len(await events(uow, "CoincidenciaTrobada")) == 1
    with pytest.raises(UsedLink):
        await links.usar_enllac(waiting["token_confirmar"], SIGNER, uow, VIGENCIA, "t")


async def test_a_request_that_finds_nothing_is_reported_once_and_outcomes_are_counted(uow) -> None:  # type: ignore[no-untyped-def]
    await publish(uow)
    matched = await request(uow)
    lost = await request(uow, superficie_min_m2=15_000, superficie_max_m2=20_000)
    month_later = datetime.now(UTC) + timedelta(days=31)

    assert await demands.informar_demandes_sense_coincidencies(uow, datetime.now(UTC), 30) == 0  # too soon
    assert await demands.informar_demandes_sense_coincidencies(uow, month_later, 30) == 1
    assert await demands.informar_demandes_sense_coincidencies(uow, month_later, 30) == 0  # once
    [signal] = await events(uow, "DemandaSenseCoincidencies")
    assert signal["demanda"]["demanda_id"] == str(lost) and signal["dies"] == 30

    await demands.tancar_demanda(TancarDemanda(demanda_id=lost, resultat="marxa_fora"), uow, "t")
    await demands.tancar_demanda(TancarDemanda(demanda_id=matched, resultat="instal·lada_a_terrassa"), uow, "t")
    stats = await queries.estadistiques_demandes(uow)
    assert stats["per_resultat"] == {"marxa_fora": 1, "instal·lada_a_terrassa": 1}
    assert stats["per_estat"] == {"tancada": 2} and stats["sense_coincidencies"] == 1


async def test_upgrading_rebuilds_the_matching_index_from_the_active_demands(databases) -> None:  # type: ignore[no-untyped-def]
    await databases.ensure("location")
    url = databases.url("location")
    await asyncio.to_thread(upgrade, url, LOCATION_MIGRATIONS, "0002")
    wanted = [demanda_body(superficie_min_m2=1000 + n, poligons=[ESTATES[n]]) for n in range(2)]
    database = Database(url)
    try:
        async with database.writing() as connection:  # two requests, as revision 0002 indexed them
            for n, body in enumerate(wanted):
                await connection.execute(insert(demandes).values(
                    demanda_id=str(uuid.uuid4()), empresa_nom="Empresa", empresa_email=body["empresa"]["email"],
                    tipus="nau", operacio="lloguer", superficie_min_m2=body["superficie_min_m2"],
                    poligons=ESTATES[n], acces_trailer=False, accepta_estat="bo", accepta_estat_rang=1,
                    motiu="ampliacio", frequencia_alertes="immediata", estat=("activa", "tancada")[n],
                    registrada_el=datetime.now(UTC)))
        await asyncio.to_thread(upgrade, url, LOCATION_MIGRATIONS)
        async with database.reading() as connection:
            indexed = (await connection.execute(select(demanda_franges.c.poligon_id).distinct())).scalars().all()
        assert indexed == [ESTATES[0]]  # the closed request is not indexed
        uow = partial(LocationUnitOfWork, database)
        async with uow() as tx:
            await tx.poligons.save(ESTATES[0], "Estate")
            await tx.commit()
        await publish(uow, superficie_m2=1200, poligon_id=ESTATES[0], preu_eur=1000)
        assert len(await events(uow, "CoincidenciaTrobada")) == 1
    finally:
        await database.dispose()


async def test_a_company_leaving_is_one_possible_vacancy_however_often_it_is_told(uow) -> None:  # type: ignore[no-untyped-def]
    departure = new_event(EmpresaDonadaDeBaixa(
        empresa_id=uuid.uuid4(), poligon_id=ESTATES[0], adreca="Carrer de la Forja, 3", nom="Metalls",
        motiu="trasllat_fora", municipi_desti="Sabadell", data_baixa=date(2026, 11, 2)), correlation_id="t")
    for _ in range(2):
        async with uow() as tx:
            await vacancies.on_empresa_donada_de_baixa(departure, tx)
            await tx.commit()
    page = await vacancies.llistar_vacants(LlistarVacants(estat="per_verificar"), uow)
    assert page.total == 1 and page.items[0].municipi_desti == "Sabadell"
    vacant_id = page.items[0].vacant_id

    with pytest.raises(NotFound):  # the offer staff name must exist
        await vacancies.resoldre_vacant(ResoldreVacant(vacant_id=vacant_id, resultat="confirmada",
                                                       oferta_id=uuid.uuid4()), uow)
    offer = await publish(uow)
    done = await vacancies.resoldre_vacant(ResoldreVacant(vacant_id=vacant_id, resultat="confirmada",
                                                          oferta_id=offer), uow)
    assert (done.estat, done.oferta_id) == ("confirmada", offer)
    with pytest.raises(Conflict):
        await vacancies.resoldre_vacant(ResoldreVacant(vacant_id=vacant_id, resultat="descartada"), uow)
    assert (await vacancies.llistar_vacants(LlistarVacants(estat="per_verificar"), uow)).total == 0
