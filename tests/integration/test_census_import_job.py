"""The import job on real databases: a chunk commits whole or not at all, a failed or paused job
goes on after its last chunk, and nothing is written or published twice."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from functools import partial

import pytest
from sqlalchemy import column, func, insert, select, table, text, update

from services.census.adapters.import_repository import ImportRepository
from services.census.adapters.tables import empreses, importacio_linies, importacions
from services.census.bootstrap import MIGRATIONS
from services.census.service_layer.commands import registrar_empresa
from services.census.service_layer.duplicates import compare_new_companies
from services.census.service_layer.import_job import ImportJob
from services.census.service_layer.imports import iniciar_importacio
from services.census.service_layer.unit_of_work import CensusUnitOfWork
from shared.contracts.census_api import RegistrarEmpresa
from shared.contracts.census_imports import IniciarImportacio
from shared.persistence.database import Database
from shared.persistence.messaging_tables import outbox
from shared.persistence.migrations import upgrade
from tests.support.identifiers import valid_cif

Uow = partial[CensusUnitOfWork]
FILE = ("NIF;Raó social;CNAE;Polígon\n" + "".join(
    f"{valid_cif(n)};Empresa {n} SL;2511;{'els-bellots' if n % 2 else 'can-petit'}\n" for n in range(1, 8))
    + "NO-ES-UN-NIF;Dolenta SL;2511;els-bellots\n").encode()


@pytest.fixture
def uow(census_uow: Uow) -> Uow:
    return census_uow


async def count(uow: Uow, query) -> int:  # type: ignore[no-untyped-def]
    async with uow(readonly=True) as tx:
        return (await tx.connection.execute(query)).scalar_one()


async def start(uow: Uow) -> str:
    started = await iniciar_importacio(IniciarImportacio(objecte="o", nom_fitxer="cens.csv", format="csv"), uow)
    return str(started.importacio_id)


def job(uow: Uow, chunk_lines: int = 3) -> ImportJob:
    async def fetch(_: str) -> bytes:
        return FILE

    return ImportJob(uow, fetch, asyncio.Event(), chunk_lines=chunk_lines)


async def expire_lease(uow: Uow, importacio_id: str) -> None:
    async with uow() as tx:
        await tx.connection.execute(update(importacions).where(importacions.c.importacio_id == importacio_id)
                                    .values(reservada_fins=datetime.now(UTC) - timedelta(seconds=1)))
        await tx.commit()


async def test_a_failure_halfway_keeps_whole_chunks_and_the_job_goes_on_after_the_last(
        uow: Uow, monkeypatch: pytest.MonkeyPatch) -> None:
    importacio_id = await start(uow)
    real_add_lines = ImportRepository.add_lines
    calls = 0

    async def fail_on_the_second_chunk(self, lines):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        if calls == 2:
            raise OSError("the disk is gone")  # after the chunk's companies and events were staged
        await real_add_lines(self, lines)

    monkeypatch.setattr(ImportRepository, "add_lines", fail_on_the_second_chunk)
    with pytest.raises(OSError):
        await job(uow).run_next()
    assert await count(uow, select(func.count()).select_from(empreses)) == 3  # the first chunk, whole
    assert await count(uow, select(importacions.c.processades)) == 3
    assert await count(uow, select(func.count()).select_from(outbox).where(
        outbox.c.subject == "districte.census.EmpresaRegistrada.v1")) == 3

    monkeypatch.setattr(ImportRepository, "add_lines", real_add_lines)
    assert not await job(uow).run_next()  # its lease still holds
    await expire_lease(uow, importacio_id)
    assert await job(uow).run_next()
    assert await count(uow, select(func.count()).select_from(empreses)) == 7
    assert await count(uow, select(func.count()).select_from(importacio_linies)) == 8
    assert await count(uow, select(func.count()).select_from(outbox).where(
        outbox.c.subject == "districte.census.EmpresaRegistrada.v1")) == 7
    assert await count(uow, select(func.count()).select_from(outbox).where(
        outbox.c.subject == "districte.census.ImportacioCompletada.v1")) == 1
    async with uow(readonly=True) as tx:
        done = await tx.importacions.get(importacio_id)
    assert (done["estat"], done["noves"], done["rebutjades"], done["processades"]) == ("completada", 7, 1, 8)
    assert done["poligons"]["els-bellots"]["noves"] == 4 and done["poligons"]["can-petit"]["noves"] == 3


async def test_a_stopped_job_leaves_its_import_for_the_next_start(uow: Uow) -> None:
    importacio_id = await start(uow)
    stopping = asyncio.Event()
    stopping.set()  # asked to stop before its first chunk
    assert await job(uow).run_next(stopping)
    async with uow(readonly=True) as tx:
        paused = await tx.importacions.get(importacio_id)
    assert (paused["estat"], paused["processades"], paused["reservada_fins"]) == ("en_curs", 0, None)

    assert await job(uow, chunk_lines=100).run_next()  # taken at once: the lease was given back
    assert await count(uow, select(func.count()).select_from(empreses)) == 7


async def test_companies_from_before_the_search_key_are_found_after_the_upgrade(databases) -> None:  # type: ignore[no-untyped-def]
    await databases.ensure("census")
    url = databases.url("census")
    await asyncio.to_thread(upgrade, url, MIGRATIONS, "0003")
    database = Database(url)
    try:
        async with database.writing() as connection:
            columns = (await connection.execute(text("SELECT * FROM empreses LIMIT 0"))).keys()
            assert "cerca" not in columns  # the shape revision 0003 had
            await connection.execute(text("INSERT INTO poligons VALUES ('els-bellots', 'Els Bellots', 'operatiu', 1, 0, 0)"))
            await connection.execute(insert(table("empreses", *(column(name) for name in columns))).values(
                empresa_id=str(uuid.uuid4()), nif=valid_cif(1), persona_fisica=False, rao_social="Gràfiques Egara SL",
                nom_comercial="L'Impremta", cnae="1812", poligon_id="els-bellots", registrada_el=datetime.now(UTC),
                estat="activa"))
        await asyncio.to_thread(upgrade, url, MIGRATIONS)
        async with CensusUnitOfWork(database, readonly=True) as tx:
            found, total = await tx.empreses.search(poligon=None, cnae=None, q="impremta", include_natural_persons=False,
                                                    offset=0, limit=10)
        assert total == 1 and found[0].rao_social == "Gràfiques Egara SL"
    finally:
        await database.dispose()


async def test_likely_duplicates_are_suggested_not_created_and_the_report_warns(uow: Uow) -> None:
    await iniciar_importacio(IniciarImportacio(objecte="d", nom_fitxer="dup.csv", format="csv"), uow)
    lines = ("NIF;Raó social;CNAE;Polígon;Telèfon\n"
             f"{valid_cif(31)};Gràfiques Egara SL;1812;els-bellots;937001122\n"
             f"{valid_cif(32)};Grafiques Egara S.L.;1812;els-bellots;\n"
             f"{valid_cif(33)};Impremta del Vallès SA;1812;els-bellots;+34 937 001 122\n").encode()

    async def fetch(_: str) -> bytes:
        return lines

    assert await ImportJob(uow, fetch, asyncio.Event()).run_next()
    async with uow(readonly=True) as tx:
        [done], _ = await tx.importacions.list(0, 10)
        report = await tx.importacions.lines(done["importacio_id"], 0, 10, only_issues=True)
        suggestions, total = await tx.duplicats.list("pendent", "els-bellots", 0, 10)
    assert (done["noves"], done["duplicats_possibles"]) == (3, 1)  # all created; one line warned
    assert [(line["linia"], line["avisos"][0]["motiu"]) for line in report] == [
        (3, "possible duplicat de «Gràfiques Egara SL» (90 %)")]
    # The third line shares only a phone with the first, under a name far from it: not enough.
    assert total == 1 and [e["codi"] for e in suggestions[0]["evidencies"]] == ["nom_semblant"]


async def test_companies_registered_one_by_one_are_compared_once_each_against_those_before(uow: Uow) -> None:
    for n, name in enumerate(("Transports Puig i Fills SL", "Transports Puig Fills, S.L.", "Química Farell SA")):
        async with uow() as tx:
            await registrar_empresa(RegistrarEmpresa(nif=valid_cif(50 + n), rao_social=name, cnae="4941",
                                                     poligon_id="els-bellots"), tx, None)
            await tx.commit()

    assert await compare_new_companies(uow, limit=2) == 2
    assert await compare_new_companies(uow, limit=2) == 1
    assert await compare_new_companies(uow) == 0  # each compared once
    async with uow(readonly=True) as tx:
        suggestions, total = await tx.duplicats.list("pendent", None, 0, 10)
    assert total == 1  # the pair once, not once from each side
    first, second = suggestions[0]["altra_id"], suggestions[0]["empresa_id"]
    async with uow(readonly=True) as tx:
        names = [(await tx.empreses.get(uuid.UUID(i))).rao_social for i in (first, second)]  # type: ignore[union-attr]
    assert names == ["Transports Puig i Fills SL", "Transports Puig Fills, S.L."]
