"""Concurrent census commands share a transaction; a refused one fails alone (SQLite and
PostgreSQL, where a refused write spoils the whole transaction)."""

from __future__ import annotations

import asyncio
from functools import partial

from sqlalchemy import func, select

from services.census.adapters.tables import empreses
from services.census.bootstrap import MIGRATIONS
from services.census.service_layer.commands import registrar_empresa
from services.census.service_layer.seed import seed_poligons
from services.census.service_layer.unit_of_work import CensusUnitOfWork
from shared.contracts.census_api import RegistrarEmpresa
from shared.errors import Conflict, Invalid
from shared.persistence.database import Database
from shared.persistence.group_commit import GroupCommitter
from shared.persistence.messaging_tables import outbox
from shared.persistence.migrations import migrate
from tests.support.identifiers import valid_cif


def command(n: int, poligon: str = "els-bellots") -> RegistrarEmpresa:
    return RegistrarEmpresa(nif=valid_cif(n), rao_social=f"Empresa {n} SL", cnae="2511",
                            poligon_id=poligon)


async def test_a_refused_command_fails_alone_and_the_rest_commit(databases) -> None:  # type: ignore[no-untyped-def]
    await databases.ensure("census")
    url = databases.url("census")
    await migrate(url, MIGRATIONS)
    database = Database(url)
    uow = partial(CensusUnitOfWork, database)
    await seed_poligons(uow)
    writer: GroupCommitter[CensusUnitOfWork] = GroupCommitter(uow)
    commands = [command(n) for n in range(10)] + [command(3), command(99, "enlloc")]

    results = await asyncio.gather(
        *(writer.run(lambda tx, c=c: registrar_empresa(c, tx, "corr")) for c in commands),
        return_exceptions=True)

    assert [type(r).__name__ for r in results[:10]] == ["Empresa"] * 10
    assert isinstance(results[10], Conflict)
    assert isinstance(results[11], Invalid) and results[11].errors[0].camp == "poligon_id"
    async with database.engine.connect() as connection:
        stored = (await connection.execute(select(func.count()).select_from(empreses))).scalar_one()
        events = (await connection.execute(
            select(func.count()).select_from(outbox).where(
                outbox.c.subject == "districte.census.EmpresaRegistrada.v1"))).scalar_one()
    assert (stored, events) == (10, 10)
    await database.dispose()
