from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncConnection

from services.location.adapters.demand_repository import DemandaRepository
from services.location.adapters.indicator_queries import IndicatorQueries
from services.location.adapters.links import LinkSigner
from services.location.adapters.offer_repository import OfertaExternaRepository, OfertaRepository
from services.location.adapters.repository import CoincidenciaRepository, PoligonRepository
from services.location.adapters.vacancy_repository import VacantRepository
from shared.persistence.database import Database
from shared.persistence.unit_of_work import UnitOfWork


class LocationUnitOfWork(UnitOfWork):
    """``links`` signs the one-click links that events carry to mails (absent: no links)."""

    poligons: PoligonRepository
    ofertes: OfertaRepository
    demandes: DemandaRepository
    coincidencies: CoincidenciaRepository
    ofertes_externes: OfertaExternaRepository
    vacants: VacantRepository
    indicadors: IndicatorQueries

    def __init__(self, database: Database, readonly: bool = False, links: LinkSigner | None = None) -> None:
        super().__init__(database, readonly)
        self.links = links

    def _open(self, connection: AsyncConnection) -> None:
        self.poligons = PoligonRepository(connection)
        self.ofertes = OfertaRepository(connection)
        self.demandes = DemandaRepository(connection)
        self.coincidencies = CoincidenciaRepository(connection)
        self.ofertes_externes = OfertaExternaRepository(connection)
        self.vacants = VacantRepository(connection)
        self.indicadors = IndicatorQueries(connection)
