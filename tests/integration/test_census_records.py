"""How current the census is: records nobody confirmed for a year are listed for staff, and a
confirmation starts the year again (and is in the record's history)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import partial

import pytest
from sqlalchemy import update

from services.census.adapters.tables import empreses
from services.census.service_layer.commands import confirmar_empresa, registrar_empresa
from services.census.service_layer.queries import historial, llistar_empreses
from services.census.service_layer.unit_of_work import CensusUnitOfWork
from shared.contracts.census_api import ConfirmarEmpresa, LlistarEmpreses, RegistrarEmpresa
from shared.errors import Conflict
from tests.support.identifiers import valid_cif

Uow = partial[CensusUnitOfWork]


@pytest.fixture
def uow(census_uow: Uow) -> Uow:
    return census_uow


async def register(uow: Uow, n: int, name: str, days_ago: int) -> str:
    async with uow() as tx:
        empresa = await registrar_empresa(RegistrarEmpresa(nif=valid_cif(n), rao_social=name, cnae="2511",
                                                           poligon_id="els-bellots"), tx, None)
        await tx.connection.execute(update(empreses).where(empreses.c.empresa_id == str(empresa.empresa_id))
                                    .values(registrada_el=datetime.now(UTC) - timedelta(days=days_ago)))
        await tx.commit()
    return str(empresa.empresa_id)


async def unconfirmed(uow: Uow, months: int = 12) -> list[str]:
    page = await llistar_empreses(LlistarEmpreses(sense_confirmar_mesos=months), uow)
    return [e.rao_social for e in page.items]


async def test_records_not_confirmed_for_a_year_are_listed_until_confirmed(uow: Uow) -> None:
    old = await register(uow, 70, "Antiga SL", days_ago=400)
    await register(uow, 71, "Recent SL", days_ago=100)
    assert await unconfirmed(uow) == ["Antiga SL"]
    assert await unconfirmed(uow, months=3) == ["Antiga SL", "Recent SL"]

    confirmed = await confirmar_empresa(ConfirmarEmpresa(empresa_id=old), uow)
    assert confirmed.confirmada_el is not None
    assert await unconfirmed(uow) == []
    assert [entry.accio for entry in await historial(confirmed.empresa_id, uow)] == ["registre", "confirmacio"]


async def test_only_an_active_record_can_be_confirmed(uow: Uow) -> None:
    gone = await register(uow, 72, "Marxada SL", days_ago=10)
    async with uow() as tx:
        await tx.empreses.set_estat(gone, "baixa")
        await tx.commit()
    with pytest.raises(Conflict):
        await confirmar_empresa(ConfirmarEmpresa(empresa_id=gone), uow)


async def test_a_company_that_left_may_come_back_to_the_same_estate_as_a_new_record(uow: Uow) -> None:
    gone = await register(uow, 73, "Tornada SL", days_ago=10)
    async with uow() as tx:
        await tx.empreses.set_estat(gone, "baixa")
        await tx.commit()
    back = await register(uow, 73, "Tornada SL", days_ago=0)
    assert back != gone
    with pytest.raises(Conflict):  # but only one active record per NIF and estate
        await register(uow, 73, "Tornada SL", days_ago=0)
