"""Reference data a new census starts with: Terrassa's estates, and a demo management body.

Source of the estates: Ajuntament de Terrassa, open data, "Mapa dels polígons industrials"
(2022); see ``services/census/data/README.md``.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from importlib import resources

from services.census.domain.model import EnsGestor, Poligon
from services.census.service_layer.unit_of_work import CensusUnitOfWork
from shared.contracts.envelope import new_event

DEMO_ENS_GESTOR = ("Junta del Polígon dels Bellots", "junta@bellots.example", ["els-bellots"])


def terrassa_poligons() -> list[Poligon]:
    text = resources.files("services.census.data").joinpath("terrassa-poligons.csv").read_text("utf-8")
    return [
        Poligon(poligon_id=row["poligon_id"], nom=row["nom"], estat=row["estat"],
                superficie_m2=int(row["superficie_m2"]), lat=float(row["lat"]), lon=float(row["lon"]))
        for row in csv.DictReader(text.splitlines())
    ]


async def seed_poligons(uow_factory: Callable[[], CensusUnitOfWork]) -> int:
    """Register the estates once; a census that already has estates is left alone."""
    async with uow_factory() as uow:
        if await uow.poligons.ids():
            return 0
        poligons = terrassa_poligons()
        await uow.poligons.add_all(poligons)
        await uow.add_events(*(new_event(p.registrat()) for p in poligons))
        await uow.commit()
    return len(poligons)


async def seed_demo_ens_gestor(uow_factory: Callable[[], CensusUnitOfWork]) -> bool:
    async with uow_factory() as uow:
        if await uow.ens_gestors.list():
            return False
        nom, email, estates = DEMO_ENS_GESTOR
        ens = EnsGestor.nou(nom, email, estates, known=await uow.poligons.ids())
        await uow.ens_gestors.add(ens)
        await uow.add_events(new_event(ens.registrat()))
        await uow.commit()
    return True
