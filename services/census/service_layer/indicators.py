"""The census's part of the observatory, per estate: companies, headcount, sectors, and who came and
went each quarter (a move within the district leaves one estate and enters another)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time

from services.census.domain.cnae_labels import section_of
from services.census.domain.observatory import EstateFigures, first_day, last_quarters, quarter_of
from services.census.service_layer.unit_of_work import CensusUnitOfWork
from shared.contracts.indicators import ConsultaIndicadors, IndicadorsCensDistricte
from shared.persistence.timestamps import as_utc

UowFactory = Callable[..., CensusUnitOfWork]


async def indicadors(query: ConsultaIndicadors, uow_factory: UowFactory,
                     today: date | None = None) -> IndicadorsCensDistricte:
    quarters = last_quarters(today or datetime.now(UTC).date(), query.trimestres)
    start = first_day(quarters[0])
    since = datetime.combine(start, time(), UTC)
    async with uow_factory(readonly=True) as uow:
        figures = {p.poligon_id: EstateFigures(p.poligon_id) for p in await uow.poligons.list()}
        district = EstateFigures("districte")  # a move between two estates neither enters nor leaves it
        for poligon, division, tram, count, headcount in await uow.indicadors.active():
            for estate in (figures[poligon], district):
                estate.empreses += count
                estate.treballadors += int(headcount)
                estate.per_tram[tram] += count
                estate.per_seccio[section_of(f"{division}00")] += count
        for poligon, year, month, count in await uow.indicadors.registrations(since):
            for estate in (figures[poligon], district):
                estate.entrades[quarter_of(date(int(year), int(month), 1))] += count
        for poligon, year, month, count in await uow.indicadors.departures(start):
            for estate in (figures[poligon], district):
                estate.sortides[quarter_of(date(int(year), int(month), 1))] += count
        moves = await uow.indicadors.moves()
        first_estate: dict[str, str] = {}
        for empresa_id, detall, _ in moves:
            first_estate.setdefault(empresa_id, detall["poligon_origen"])
        # A moved record is counted where it is now: its arrival belongs to where it was registered.
        for empresa_id, (now_in, registrada_el) in (await uow.indicadors.registered(list(first_estate))).items():
            if as_utc(registrada_el) >= since:  # type: ignore[operator]
                quarter = quarter_of(registrada_el.date())
                figures[now_in].entrades[quarter] -= 1
                figures[first_estate[empresa_id]].entrades[quarter] += 1
        for _, detall, _ in moves:
            moved_on = date.fromisoformat(detall["data_trasllat"])
            if moved_on >= start:
                figures[detall["poligon_origen"]].sortides[quarter_of(moved_on)] += 1
                figures[detall["poligon_desti"]].entrades[quarter_of(moved_on)] += 1
    return IndicadorsCensDistricte(poligons=[estate.indicators(quarters) for estate in figures.values()],
                                   districte=district.indicators(quarters))
