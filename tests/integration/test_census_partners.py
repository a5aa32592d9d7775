"""Partner systems publish company records: validated like a registration, upserted by the partner's
own id, never a second record of a company the estate already has, refused ones explained."""

from __future__ import annotations

from functools import partial
from typing import Any

import pytest
from sqlalchemy import func, select

from services.census.adapters.tables import empreses
from services.census.entrypoints.consumers import PARTNER_COMPANIES
from services.census.service_layer.commands import registrar_empresa
from services.census.service_layer.ingest import PartnerCompanies
from services.census.service_layer.queries import historial
from services.census.service_layer.unit_of_work import CensusUnitOfWork
from shared.contracts.census_api import RegistrarEmpresa
from shared.contracts.envelope import CloudEvent
from shared.contracts.ingest import EmpresaExternaRebutjada
from shared.messaging.consumer import PermanentError
from shared.messaging.partner_ingest import PartnerConsumer
from shared.persistence.messaging_tables import outbox
from tests.support.identifiers import valid_cif
from tests.support.partners import partner_envelope, partner_subject

Uow = partial[CensusUnitOfWork]
PARTNER = "llicencies"
CONTACT = "it@llicencies.example"
PARTNERS = PartnerCompanies({PARTNER: CONTACT})


def event(reference: str, data: dict[str, Any], partner: str = PARTNER) -> CloudEvent[Any]:
    consumer = PartnerConsumer(PARTNER_COMPANIES, "EmpresaExterna", PARTNERS.handle, None, None, None)
    decoded = consumer.decode(partner_envelope(partner, "EmpresaExterna", reference, data),
                              partner_subject(partner, "EmpresaExterna"))
    assert isinstance(decoded, CloudEvent), decoded
    return decoded


def company(n: int = 1, **fields: Any) -> dict[str, Any]:
    return {"nif": valid_cif(n), "rao_social": "Tallers Egara SL", "cnae": "2511", "poligon_id": "els-bellots",
            "telefon": "937 000 001"} | fields


async def publish(uow: Uow, reference: str, data: dict[str, Any], partner: str = PARTNER) -> None:
    async with uow() as tx:
        await PARTNERS.handle(event(reference, data, partner), tx)
        await tx.commit()


async def records(uow: Uow) -> list[dict[str, Any]]:
    async with uow(readonly=True) as tx:
        rows = await tx.connection.execute(select(empreses).order_by(empreses.c.registrada_el))
        return [dict(row._mapping) for row in rows]


async def published(uow: Uow) -> list[str]:
    """The company events census staged (the estates' own come first, from seeding)."""
    async with uow(readonly=True) as tx:
        rows = await tx.connection.execute(select(outbox.c.subject).order_by(outbox.c.id))
        return [name for name in (subject.split(".")[2] for subject in rows.scalars()) if name.startswith("Empresa")]


async def test_a_partner_registers_updates_moves_and_closes_a_company(census_uow: Uow) -> None:
    await publish(census_uow, "EXP-1", company())
    [record] = await records(census_uow)
    assert (record["font"], record["telefon"]) == ("soci", "937 000 001")

    await publish(census_uow, "EXP-1", company())  # the same again: nothing changes
    await publish(census_uow, "EXP-1", company(telefon="937 000 002", poligon_id="PI CAN FARCAN"))
    await publish(census_uow, "EXP-1", company(estat="baixa", motiu_baixa="trasllat_fora", municipi_desti="Rubí"))

    [record] = await records(census_uow)
    assert (record["telefon"], record["poligon_id"], record["estat"], record["municipi_desti"]) \
        == ("937 000 002", "can-farcan", "baixa", "Rubí")
    assert await published(census_uow) == ["EmpresaRegistrada", "EmpresaTraslladada", "EmpresaActualitzada",
                                           "EmpresaDonadaDeBaixa"]
    trail = await historial(record["empresa_id"], census_uow)
    assert [(e.accio, e.qui) for e in trail] == [("registre", f"soci:{PARTNER}"), ("trasllat", f"soci:{PARTNER}"),
                                                 ("modificacio", f"soci:{PARTNER}"), ("baixa", f"soci:{PARTNER}")]


async def test_a_company_already_in_the_estate_is_taken_over_not_recorded_twice(census_uow: Uow) -> None:
    async with census_uow() as tx:
        staff = await registrar_empresa(RegistrarEmpresa(nif=valid_cif(2), rao_social="Egara Metall SL", cnae="2511",
                                                         poligon_id="els-bellots"), tx, None)
        await tx.commit()

    # Only what the partner gives changes the record: no trade name given, the staff's stays.
    await publish(census_uow, "EXP-2", company(2, rao_social="Egara Metall SL", email="info@egarametall.example"))

    [record] = await records(census_uow)
    assert record["empresa_id"] == str(staff.empresa_id)
    assert (record["email"], record["font"]) == ("info@egarametall.example", "personal_tecnic")
    assert await published(census_uow) == ["EmpresaRegistrada", "EmpresaActualitzada"]


async def test_a_refused_record_is_explained_to_the_partner_and_writes_nothing(census_uow: Uow) -> None:
    with pytest.raises(PermanentError) as refused:
        await publish(census_uow, "EXP-3", company(nif="B12345678", poligon_id="Polígon Enlloc"))
    announce = refused.value.announce
    assert isinstance(announce, EmpresaExternaRebutjada)
    assert (announce.soci, announce.referencia, announce.contacte) == (PARTNER, "EXP-3", CONTACT)
    assert announce.motius == ["poligon_id: cap polígon del districte es diu «Polígon Enlloc»"]
    assert "empresa del soci 'llicencies' rebutjada (EXP-3)" in str(refused.value)

    with pytest.raises(PermanentError) as invalid:
        await publish(census_uow, "EXP-4", company(nif="B12345678", cnae="25", telefon="x"))
    motius = invalid.value.announce.motius  # type: ignore[union-attr]
    assert any(m.startswith("telefon:") for m in motius)

    with pytest.raises(PermanentError) as invalid_nif:
        await publish(census_uow, "EXP-5", company(nif="B12345678", cnae="25"))
    assert {m.split(":")[0] for m in invalid_nif.value.announce.motius} == {"nif", "cnae"}  # type: ignore[union-attr]

    with pytest.raises(PermanentError) as unknown:
        await publish(census_uow, "EXP-6", company(), partner="desconegut")
    assert unknown.value.announce is None and "soci desconegut" in str(unknown.value)

    async with census_uow(readonly=True) as tx:
        assert (await tx.connection.execute(select(func.count()).select_from(empreses))).scalar() == 0
    assert await published(census_uow) == []


async def test_a_record_staff_merged_away_is_followed_to_the_one_they_kept(census_uow: Uow) -> None:
    await publish(census_uow, "EXP-7", company(7, rao_social="Tallers Egara"))
    async with census_uow() as tx:
        kept = await registrar_empresa(RegistrarEmpresa(nif=valid_cif(8), rao_social="Tallers Egara SL", cnae="2511",
                                                        poligon_id="els-bellots"), tx, None)
        [partner_record] = [r for r in await tx.empreses.with_nifs({valid_cif(7)})]
        await tx.duplicats.add_many([{
            "duplicat_id": "d-1", "empresa_id": str(partner_record.empresa_id), "altra_id": str(kept.empresa_id),
            "poligon_id": "els-bellots", "puntuacio": 95.0, "evidencies": [], "estat": "fusionada",
            "detectat_el": kept.registrada_el, "conservada_id": str(kept.empresa_id)}])
        await tx.empreses.set_estat(str(partner_record.empresa_id), "fusionada")
        await tx.commit()

    await publish(census_uow, "EXP-7", company(7, rao_social="Tallers Egara", treballadors=12))

    by_id = {r["empresa_id"]: r for r in await records(census_uow)}
    assert len(by_id) == 2 and by_id[str(kept.empresa_id)]["treballadors"] == 12
    assert by_id[str(partner_record.empresa_id)]["estat"] == "fusionada"
