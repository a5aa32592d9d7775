"""The observatory, put together: census's and location's figures side by side per estate, the
whole district, and the figures only both together give (occupancy, demand pressure)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from shared.contracts.indicators import (
    Indicadors,
    IndicadorsCens,
    IndicadorsCensDistricte,
    IndicadorsLocalitzacio,
    IndicadorsLocalitzacioPoligon,
    IndicadorsPoligon,
)

DISTRICT = "districte"
DISTRICT_NAME = "Districte industrial de Terrassa"


def compose(names: dict[str, str], cens: IndicadorsCensDistricte, localitzacio: IndicadorsLocalitzacio,
            now: datetime) -> Indicadors:
    places = {p.poligon_id: p for p in localitzacio.poligons}
    estates = []
    for figures in cens.poligons:
        place = places.get(figures.poligon_id) or _nothing(figures.poligon_id)
        # A request open to any estate presses on each of them.
        pressure = place.demandes_actives + localitzacio.demandes_sense_preferencia
        estates.append(_estate(figures, place, names.get(figures.poligon_id, figures.poligon_id), pressure))
    whole = IndicadorsLocalitzacioPoligon(
        poligon_id=DISTRICT, unitats_disponibles=sum(p.unitats_disponibles for p in places.values()),
        m2_disponibles=sum(p.m2_disponibles for p in places.values()),
        unitats_obsoletes=sum(p.unitats_obsoletes for p in places.values()),
        vacants_per_verificar=sum(p.vacants_per_verificar for p in places.values()),
        demandes_actives=localitzacio.demandes_actives)
    district = _estate(cens.districte, whole, DISTRICT_NAME, localitzacio.demandes_actives)
    return Indicadors(actualitzat_el=now, districte=district, poligons=estates)


def _estate(cens: IndicadorsCens, place: IndicadorsLocalitzacioPoligon, nom: str, pressure: int) -> IndicadorsPoligon:
    occupied_or_free = cens.empreses + place.unitats_disponibles
    return IndicadorsPoligon(
        **cens.model_dump(), **place.model_dump(exclude={"poligon_id"}), nom=nom, pressio_demanda=pressure,
        taxa_ocupacio=round(cens.empreses / occupied_or_free, 4) if occupied_or_free else None)


def _nothing(poligon_id: str) -> IndicadorsLocalitzacioPoligon:
    """An estate location has not heard of yet: nothing on the market there."""
    return IndicadorsLocalitzacioPoligon(poligon_id=poligon_id, unitats_disponibles=0, m2_disponibles=0,
                                         unitats_obsoletes=0, vacants_per_verificar=0, demandes_actives=0)


STOCKS = ("empreses", "treballadors", "unitats_disponibles", "m2_disponibles", "unitats_obsoletes",
          "vacants_per_verificar", "taxa_ocupacio", "pressio_demanda")


def tidy_rows(indicadors: Indicadors) -> Iterator[list[Any]]:
    """One row per estate, indicator and period (the day of the figures, or the quarter of a flow):
    the long format statistical offices publish series in."""
    day = indicadors.actualitzat_el.date().isoformat()
    for estate in (indicadors.districte, *indicadors.poligons):
        head = [estate.poligon_id, estate.nom]
        for name in STOCKS:
            yield [*head, name, day, getattr(estate, name)]
        for tram, count in estate.per_tram.items():
            yield [*head, f"empreses_tram_{tram}", day, count]
        for section, count in estate.per_seccio.items():
            yield [*head, f"empreses_seccio_{section}", day, count]
        for quarter in estate.per_trimestre:
            yield [*head, "entrades", quarter.trimestre, quarter.entrades]
            yield [*head, "sortides", quarter.trimestre, quarter.sortides]
