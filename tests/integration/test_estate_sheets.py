"""An estate's sheet: what staff checked, each datum with its date and source; consumers hear of the
estate again only when its name, state or surface changed."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import partial

import pytest
from sqlalchemy import func, select

from services.census.service_layer.commands import actualitzar_poligon
from services.census.service_layer.queries import obtenir_poligon
from services.census.service_layer.unit_of_work import CensusUnitOfWork
from shared.contracts.census_estates import FONT_INICIAL, ActualitzarPoligon
from shared.errors import Invalid, NotFound
from shared.persistence.messaging_tables import outbox

Uow = partial[CensusUnitOfWork]
SUBJECT = "districte.census.PoligonActualitzat.v1"


async def announced(uow: Uow) -> int:
    async with uow(readonly=True) as tx:
        return (await tx.connection.execute(select(func.count()).select_from(outbox).where(
            outbox.c.subject == SUBJECT))).scalar()


async def test_checked_data_keep_their_date_and_source(census_uow: Uow) -> None:
    before = await obtenir_poligon("els-bellots", census_uow)
    assert before.fitxa.estat is not None and before.fitxa.estat.font == FONT_INICIAL
    assert before.fitxa.estat.comprovat_el is None and before.fitxa.fibra_optica is None

    await actualitzar_poligon(ActualitzarPoligon(poligon_id="els-bellots", fibra_optica=True, gas_natural=True,
                                                 usos_permesos=["industrial", "logistic"], distancia_autopista_km=1.2,
                                                 comprovat_el=date(2026, 10, 1), font="visita tècnica"), census_uow, None)
    await actualitzar_poligon(ActualitzarPoligon(poligon_id="els-bellots", gas_natural=False), census_uow, None)

    sheet = (await obtenir_poligon("els-bellots", census_uow)).fitxa
    assert sheet.fibra_optica is not None and sheet.fibra_optica.valor is True
    assert (sheet.fibra_optica.comprovat_el, sheet.fibra_optica.font) == (date(2026, 10, 1), "visita tècnica")
    assert sheet.gas_natural is not None and sheet.gas_natural.valor is False
    assert sheet.gas_natural.comprovat_el == datetime.now(UTC).date() and sheet.gas_natural.font == "personal tècnic"
    assert sheet.usos_permesos is not None and sheet.usos_permesos.valor == ["industrial", "logistic"]
    assert await announced(census_uow) == 0  # nothing other services know of changed


async def test_a_new_name_state_or_surface_is_announced(census_uow: Uow) -> None:
    estate = await actualitzar_poligon(ActualitzarPoligon(poligon_id="els-bellots-ii", estat="operatiu",
                                                          superficie_m2=910_000), census_uow, None)
    assert (estate.estat, estate.superficie_m2) == ("operatiu", 910_000)
    view = await obtenir_poligon("els-bellots-ii", census_uow)
    assert view.estat == "operatiu" and view.fitxa.estat is not None and view.fitxa.estat.font == "personal tècnic"
    await actualitzar_poligon(ActualitzarPoligon(poligon_id="els-bellots-ii", nom="Sector Bellots II"), census_uow, None)
    await actualitzar_poligon(ActualitzarPoligon(poligon_id="els-bellots-ii", nom="Sector Bellots II"), census_uow, None)
    assert await announced(census_uow) == 2  # the same name again: nothing to announce


async def test_bad_sheets_are_refused_whole(census_uow: Uow) -> None:
    tomorrow = datetime.now(UTC).date() + timedelta(days=1)
    with pytest.raises(Invalid) as future:
        await actualitzar_poligon(ActualitzarPoligon(poligon_id="els-bellots", fibra_optica=True,
                                                     comprovat_el=tomorrow), census_uow, None)
    assert future.value.errors[0].camp == "comprovat_el"
    with pytest.raises(Invalid) as emptied:
        await actualitzar_poligon(ActualitzarPoligon(poligon_id="els-bellots", fibra_optica=None, aigua_industrial=True),
                                  census_uow, None)
    assert [e.camp for e in emptied.value.errors] == ["fibra_optica"]
    with pytest.raises(Invalid):
        await actualitzar_poligon(ActualitzarPoligon(poligon_id="els-bellots"), census_uow, None)
    with pytest.raises(NotFound):
        await actualitzar_poligon(ActualitzarPoligon(poligon_id="enlloc", gas_natural=True), census_uow, None)
    assert (await obtenir_poligon("els-bellots", census_uow)).fitxa.aigua_industrial is None
