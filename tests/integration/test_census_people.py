"""A company's contact persons and their rights (access, erasure), and a company reviewing its own
record from a signed link."""

from __future__ import annotations

import uuid
from functools import partial
from typing import Any

import orjson
import pytest
from sqlalchemy import select, text

from services.census.adapters.review_links import ReviewLinks
from services.census.adapters.tables import metadata
from services.census.service_layer import contacts, self_service
from services.census.service_layer.commands import modificar_empresa, registrar_empresa
from services.census.service_layer.queries import historial
from services.census.service_layer.unit_of_work import CensusUnitOfWork
from shared.contracts.census_api import ModificarEmpresa, RegistrarEmpresa
from shared.contracts.census_contacts import AfegirContacte, ContacteRef
from shared.contracts.census_self_service import CorreccioAutoservei, SollicitarRevisio
from shared.errors import Invalid, NotFound
from shared.persistence.messaging_tables import outbox
from shared.signed_links import InvalidLink, UsedLink
from tests.support.identifiers import valid_cif

Uow = partial[CensusUnitOfWork]
LINKS = ReviewLinks("a-test-secret-that-is-long-enough-0123456789")
MARTA = {"nom": "Martina Quintana Ferrer", "carrec": "Gerent", "email": "Martina.Quintana@tallersegara.example",
         "telefon": "+34 937 000 123"}


async def company(uow: Uow, n: int = 40, email: str | None = None) -> uuid.UUID:
    async with uow() as tx:
        empresa = await registrar_empresa(RegistrarEmpresa(nif=valid_cif(n), rao_social="Tallers Egara SL",
                                                           cnae="2511", poligon_id="els-bellots", email=email), tx, None)
        await tx.commit()
    return empresa.empresa_id


async def staged(uow: Uow, name: str) -> list[dict[str, Any]]:
    async with uow(readonly=True) as tx:
        rows = await tx.connection.execute(select(outbox.c.payload).where(outbox.c.subject == f"districte.census.{name}.v1")
                                           .order_by(outbox.c.id))
        return [orjson.loads(payload) for payload in rows.scalars()]


async def test_a_contact_person_sees_everything_held_about_them_and_is_erased_everywhere(census_uow: Uow) -> None:
    empresa_id = await company(census_uow)
    marta = await contacts.afegir(AfegirContacte(empresa_id=empresa_id, **MARTA), census_uow)
    assert marta.email == "martina.quintana@tallersegara.example"
    ref = ContacteRef(empresa_id=empresa_id, contacte_id=marta.contacte_id)

    export = await contacts.exportar(ref, census_uow)
    assert export.contacte.nom == "Martina Quintana Ferrer" and export.empresa["rao_social"] == "Tallers Egara SL"
    assert "6.1.e" in export.tractament.base_juridica
    assert [e.accio for e in export.historial] == ["contacte_alta", "contacte_exportacio"]
    await self_service.sollicitar(SollicitarRevisio(empresa_id=empresa_id, contacte_id=marta.contacte_id),
                                  census_uow, LINKS, None)  # her name and address travel in an event

    erased = await contacts.suprimir(ref, census_uow, None)
    again = await contacts.suprimir(ref, census_uow, None)  # asking twice announces once
    assert (erased.nom, erased.email, erased.telefon, erased.carrec) == (None, None, None, None)
    assert again.suprimit_el == erased.suprimit_el
    assert len(await staged(census_uow, "ContacteSuprimit")) == 1
    assert await contacts.llistar(empresa_id, census_uow) == []
    assert [e.accio for e in await historial(empresa_id, census_uow)][-1] == "contacte_supressio"
    assert await staged(census_uow, "RevisioSollicitada") == []

    # Nothing of her is left anywhere in the census: not in a table, not in the audit trail.
    async with census_uow(readonly=True) as tx:
        for table in metadata.sorted_tables:
            dump = str((await tx.connection.execute(select(table))).all()).lower()
            for value in ("martina", "quintana", "937 000 123", "gerent"):
                assert value not in dump, (table.name, value)


async def test_contact_data_is_validated_and_belongs_to_its_company(census_uow: Uow) -> None:
    empresa_id = await company(census_uow)
    other_id = await company(census_uow, 41)
    with pytest.raises(Invalid) as unreachable:
        await contacts.afegir(AfegirContacte(empresa_id=empresa_id, nom="Sense Contacte"), census_uow)
    assert unreachable.value.errors[0].camp == "email"
    marta = await contacts.afegir(AfegirContacte(empresa_id=empresa_id, **MARTA), census_uow)
    with pytest.raises(NotFound):
        await contacts.exportar(ContacteRef(empresa_id=other_id, contacte_id=marta.contacte_id), census_uow)


async def test_a_company_confirms_or_corrects_its_record_once_per_link(census_uow: Uow) -> None:
    empresa_id = await company(census_uow)
    marta = await contacts.afegir(AfegirContacte(empresa_id=empresa_id, **MARTA), census_uow)
    sent = await self_service.sollicitar(SollicitarRevisio(empresa_id=empresa_id, contacte_id=marta.contacte_id,
                                                           idioma="es"), census_uow, LINKS, None)
    assert sent.destinatari == "Martina Quintana Ferrer"
    [event] = await staged(census_uow, "RevisioSollicitada")
    token = event["data"]["token"]
    assert (event["data"]["email"], event["data"]["idioma"]) == ("martina.quintana@tallersegara.example", "es")

    fitxa = await self_service.obrir(token, census_uow, LINKS)
    assert (fitxa.empresa.rao_social, fitxa.poligon) == ("Tallers Egara SL", "Els Bellots")
    corrected = await self_service.corregir(CorreccioAutoservei(token=token, telefon="937 111 222", treballadors=23),
                                            census_uow, LINKS, None)
    assert (corrected.empresa.telefon, corrected.empresa.font) == ("937 111 222", "autoservei")
    assert corrected.empresa.confirmada_el is not None
    with pytest.raises(UsedLink):
        await self_service.confirmar(token, census_uow, LINKS)
    [changed] = await staged(census_uow, "EmpresaActualitzada")
    assert {c["camp"] for c in changed["data"]["canvis"]} == {"telefon", "treballadors"}
    trail = await historial(empresa_id, census_uow)
    assert [(e.accio, e.qui) for e in trail][-1] == ("modificacio", "autoservei")

    # A new link; a change by staff since makes it used too.
    await self_service.sollicitar(SollicitarRevisio(empresa_id=empresa_id, contacte_id=marta.contacte_id),
                                  census_uow, LINKS, None)
    token2 = (await staged(census_uow, "RevisioSollicitada"))[-1]["data"]["token"]
    await modificar_empresa(ModificarEmpresa(empresa_id=empresa_id, adreca="Carrer de la Mola, 3"), census_uow, None)
    with pytest.raises(UsedLink):
        await self_service.obrir(token2, census_uow, LINKS)
    with pytest.raises(InvalidLink):
        await self_service.obrir(token2[:-2] + "xx", census_uow, LINKS)


async def test_a_review_needs_someone_to_write_to(census_uow: Uow) -> None:
    empresa_id = await company(census_uow)
    with pytest.raises(Invalid) as refused:
        await self_service.sollicitar(SollicitarRevisio(empresa_id=empresa_id), census_uow, LINKS, None)
    assert refused.value.errors[0].camp == "contacte_id"
    with_mail = await company(census_uow, 42, email="info@egara.example")
    sent = await self_service.sollicitar(SollicitarRevisio(empresa_id=with_mail), census_uow, LINKS, None)
    assert sent.destinatari == "Tallers Egara SL"
    async with census_uow(readonly=True) as tx:
        assert (await tx.connection.execute(text("SELECT count(*) FROM contactes"))).scalar() == 0
