"""The observatory's arithmetic: quarters, headcount classes, one estate's figures."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from services.census.domain.open_data import headcount_band
from shared.contracts.indicators import TRAMS, IndicadorsCens, Trimestre


def quarter_of(day: date) -> str:
    return f"{day.year}-T{(day.month - 1) // 3 + 1}"


def last_quarters(today: date, count: int) -> list[str]:
    """The ``count`` quarters ending with today's, oldest first."""
    index = today.year * 4 + (today.month - 1) // 3
    return [f"{i // 4}-T{i % 4 + 1}" for i in range(index - count + 1, index + 1)]


def first_day(quarter: str) -> date:
    year, number = quarter.split("-T")
    return date(int(year), (int(number) - 1) * 3 + 1, 1)


def band(treballadors: int | None) -> str:
    return headcount_band(treballadors) or "desconegut"


@dataclass
class EstateFigures:
    """Counted up from the census's records of one estate."""

    poligon_id: str
    empreses: int = 0
    treballadors: int = 0
    per_tram: Counter[str] = field(default_factory=Counter)
    per_seccio: Counter[str] = field(default_factory=Counter)
    entrades: Counter[str] = field(default_factory=Counter)
    sortides: Counter[str] = field(default_factory=Counter)

    def indicators(self, quarters: list[str]) -> IndicadorsCens:
        return IndicadorsCens(
            poligon_id=self.poligon_id, empreses=self.empreses, treballadors=self.treballadors,
            per_tram={name: self.per_tram[name] for name in TRAMS},
            per_seccio=dict(sorted(self.per_seccio.items())),
            per_trimestre=[Trimestre(trimestre=q, entrades=self.entrades[q], sortides=self.sortides[q])
                           for q in quarters])
