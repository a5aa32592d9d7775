"""A company as a legal entity with establishments in several estates: read whole by its NIF (the head
office's record speaks for the entity), its details changed and announced like any other field."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

import orjson
import pytest
from sqlalchemy import select

from services.census.service_layer.commands import donar_de_baixa, modificar_empresa, registrar_empresa
from services.census.service_layer.queries import empreses_obertes, obtenir_entitat
from services.census.service_layer.unit_of_work import CensusUnitOfWork
from shared.contracts.census_api import (
    DonarDeBaixaEmpresa,
    ModificarEmpresa,
    ObtenirEntitat,
    RegistrarEmpresa,
)
from shared.contracts.census_open_data import LlistarEmpresesObertes
from shared.errors import Invalid, NotFound
from shared.persistence.messaging_tables import outbox
from tests.support.identifiers import valid_cif

Uow = partial[CensusUnitOfWork]
NIF = valid_cif(90)


async def establishment(uow: Uow, estate: str, **fields: Any) -> Any:
    async with uow() as tx:
        empresa = await registrar_empresa(RegistrarEmpresa(nif=NIF, rao_social="Metalls Bellots SL", cnae="2511",
                                                           poligon_id=estate, **fields), tx, None)
        await tx.commit()
    return empresa


async def test_a_legal_entity_is_read_whole_with_its_establishments(census_uow: Uow) -> None:
    await establishment(census_uow, "can-farcan", codi_postal="08227", tinenca="lloguer")
    head = await establishment(census_uow, "els-bellots", seu_social=True, codi_postal="08223",
                               web="https://metallsbellots.example", cnae_secundaries=["3312"], treballadors=40,
                               any_treballadors=2025, lat=41.5605, lon=2.0336, tinenca="propietat",
                               superficie_ocupada_m2=3200)
    gone = await establishment(census_uow, "can-petit")
    await donar_de_baixa(DonarDeBaixaEmpresa(empresa_id=gone.empresa_id, motiu="tancament",
                                             data_baixa=date(2026, 10, 1)), census_uow, None)

    entity = await obtenir_entitat(ObtenirEntitat(nif=NIF.lower()), census_uow)
    assert (entity.forma_juridica, entity.web, entity.cnae_secundaries, entity.treballadors) == (
        "societat de responsabilitat limitada", "https://metallsbellots.example/", ["3312"], 40)
    assert [(e.poligon_id, e.seu_social, e.codi_postal) for e in entity.establiments] == [
        ("els-bellots", True, "08223"), ("can-farcan", False, "08227")]
    assert entity.establiments[0].empresa_id == head.empresa_id
    every = await obtenir_entitat(ObtenirEntitat(nif=NIF, inclou_inactius=True), census_uow)
    assert [e.estat for e in every.establiments] == ["activa", "activa", "baixa"]

    [opened] = [r for r in await empreses_obertes(LlistarEmpresesObertes(), census_uow) if r.poligon_id == "els-bellots"]
    assert (opened.forma_juridica, opened.codi_postal, opened.web) == (
        "societat de responsabilitat limitada", "08223", "https://metallsbellots.example/")

    with pytest.raises(NotFound):
        await obtenir_entitat(ObtenirEntitat(nif=valid_cif(91)), census_uow)
    with pytest.raises(Invalid):
        await obtenir_entitat(ObtenirEntitat(nif="B12345678"), census_uow)


async def test_a_changed_detail_is_announced_old_to_new(census_uow: Uow) -> None:
    record = await establishment(census_uow, "els-bellots", lat=41.5605, lon=2.0336)
    await modificar_empresa(ModificarEmpresa(empresa_id=record.empresa_id, seu_social=True, lat=41.5611,
                                             referencia_cadastral="7837301-VG8173B-0001 TT"), census_uow, None)
    async with census_uow(readonly=True) as tx:
        [payload] = (await tx.connection.execute(select(outbox.c.payload).where(
            outbox.c.subject == "districte.census.EmpresaActualitzada.v1"))).scalars().all()
    changes = {c["camp"]: (c["abans"], c["despres"]) for c in orjson.loads(payload)["data"]["canvis"]}
    assert changes == {"seu_social": (False, True), "lat": (41.5605, 41.5611),
                       "referencia_cadastral": (None, "7837301VG8173B0001TT")}
