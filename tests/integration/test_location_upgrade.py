"""A location database from before one-vacancy-per-departure upgrades in place: its vacancies stay,
and the same company may now leave premises behind twice (a move, then a departure)."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, date, datetime

from sqlalchemy import func, insert, select

from services.location.adapters.tables import vacants_possibles
from services.location.bootstrap import MIGRATIONS
from services.location.domain.vacancies import VacantPossible
from services.location.service_layer.unit_of_work import LocationUnitOfWork
from shared.persistence.database import Database
from shared.persistence.migrations import upgrade


def departure(empresa_id: uuid.UUID, poligon_id: str, motiu: str, day: date) -> VacantPossible:
    return VacantPossible(vacant_id=uuid.uuid4(), empresa_id=empresa_id, poligon_id=poligon_id, adreca=None,
                          empresa_nom="Metalls SL", motiu=motiu, municipi_desti=None, data_baixa=day,
                          detectada_el=datetime.now(UTC))


async def test_vacancies_survive_and_a_company_may_leave_twice(databases) -> None:  # type: ignore[no-untyped-def]
    await databases.ensure("location")
    url = databases.url("location")
    await asyncio.to_thread(upgrade, url, MIGRATIONS, "0005")
    database = Database(url)
    empresa_id = uuid.uuid4()
    try:
        async with database.writing() as connection:
            await connection.execute(insert(vacants_possibles).values(
                vacant_id=str(uuid.uuid4()), empresa_id=str(empresa_id), poligon_id="els-bellots", adreca="C/ Argent 5",
                empresa_nom="Metalls SL", motiu="trasllat", municipi_desti=None, data_baixa=date(2026, 11, 1),
                detectada_el=datetime.now(UTC), estat="per_verificar"))
        await database.dispose()  # as a service does: it upgrades before it starts
        await asyncio.to_thread(upgrade, url, MIGRATIONS)
        database = Database(url)
        async with LocationUnitOfWork(database) as uow:
            assert await uow.vacants.add(departure(empresa_id, "can-petit", "tancament", date(2026, 11, 20)))
            assert not await uow.vacants.add(departure(empresa_id, "can-petit", "tancament", date(2026, 11, 20)))
            await uow.commit()
        async with LocationUnitOfWork(database, readonly=True) as uow:
            rows = (await uow.connection.execute(select(vacants_possibles.c.poligon_id, vacants_possibles.c.adreca)
                                                 .order_by(vacants_possibles.c.poligon_id))).all()
            indexed = (await uow.connection.execute(select(func.count()).select_from(vacants_possibles).where(
                vacants_possibles.c.estat == "per_verificar"))).scalar_one()
        assert [tuple(row) for row in rows] == [("can-petit", None), ("els-bellots", "C/ Argent 5")]
        assert indexed == 2
    finally:
        await database.dispose()
