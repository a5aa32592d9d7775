"""The observatory put together: occupancy and demand pressure from both services' figures, the
quarters, and the long-format rows of indicadors.csv."""

from __future__ import annotations

from datetime import UTC, date, datetime

from services.census.domain.observatory import first_day, last_quarters, quarter_of
from services.portal.domain.indicators import compose, tidy_rows
from shared.contracts.indicators import (
    IndicadorsCens,
    IndicadorsCensDistricte,
    IndicadorsLocalitzacio,
    IndicadorsLocalitzacioPoligon,
    Trimestre,
)

NOW = datetime(2026, 11, 29, 10, tzinfo=UTC)


def cens(poligon_id: str, empreses: int) -> IndicadorsCens:
    return IndicadorsCens(poligon_id=poligon_id, empreses=empreses, treballadors=10 * empreses,
                          per_tram={"0-9": empreses}, per_seccio={"C": empreses},
                          per_trimestre=[Trimestre(trimestre="2026-T4", entrades=1, sortides=0)])


def place(poligon_id: str, units: int, demands: int) -> IndicadorsLocalitzacioPoligon:
    return IndicadorsLocalitzacioPoligon(poligon_id=poligon_id, unitats_disponibles=units, m2_disponibles=1000 * units,
                                         unitats_obsoletes=0, vacants_per_verificar=0, demandes_actives=demands)


def test_quarters_end_with_the_current_one() -> None:
    assert last_quarters(date(2026, 2, 3), 3) == ["2025-T3", "2025-T4", "2026-T1"]
    assert quarter_of(date(2026, 12, 31)) == "2026-T4" and first_day("2026-T3") == date(2026, 7, 1)


def test_occupancy_and_demand_pressure_come_from_both_services() -> None:
    census = IndicadorsCensDistricte(poligons=[cens("a", 3), cens("b", 0)], districte=cens("districte", 3))
    location = IndicadorsLocalitzacio(poligons=[place("a", 1, 2)], demandes_actives=5, demandes_sense_preferencia=1)

    observed = compose({"a": "Polígon A", "b": "Polígon B"}, census, location, NOW)

    a, b = observed.poligons
    assert (a.nom, a.taxa_ocupacio, a.pressio_demanda, a.m2_disponibles) == ("Polígon A", 0.75, 3, 1000)
    assert (b.taxa_ocupacio, b.pressio_demanda, b.unitats_disponibles) == (None, 1, 0)  # nothing known of b
    assert (observed.districte.taxa_ocupacio, observed.districte.pressio_demanda) == (0.75, 5)

    rows = list(tidy_rows(observed))
    assert ["districte", "Districte industrial de Terrassa", "empreses", "2026-11-29", 3] in rows
    assert ["a", "Polígon A", "entrades", "2026-T4", 1] in rows
    assert ["a", "Polígon A", "empreses_seccio_C", "2026-11-29", 3] in rows
    assert len({tuple(row[:4]) for row in rows}) == len(rows)  # one value per estate, indicator and period
