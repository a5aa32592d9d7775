from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncConnection

from services.location.adapters.repository import (
    CoincidenciaRepository,
    DemandaRepository,
    OfertaExternaRepository,
    OfertaRepository,
    PoligonRepository,
)
from shared.persistence.unit_of_work import UnitOfWork


class LocationUnitOfWork(UnitOfWork):
    poligons: PoligonRepository
    ofertes: OfertaRepository
    demandes: DemandaRepository
    coincidencies: CoincidenciaRepository
    ofertes_externes: OfertaExternaRepository

    def _open(self, connection: AsyncConnection) -> None:
        self.poligons = PoligonRepository(connection)
        self.ofertes = OfertaRepository(connection)
        self.demandes = DemandaRepository(connection)
        self.coincidencies = CoincidenciaRepository(connection)
        self.ofertes_externes = OfertaExternaRepository(connection)
