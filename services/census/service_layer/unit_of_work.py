from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncConnection

from services.census.adapters.audit_repository import AuditRepository
from services.census.adapters.contact_repository import ContactRepository
from services.census.adapters.duplicate_repository import DuplicateRepository
from services.census.adapters.import_repository import ImportRepository
from services.census.adapters.indicator_queries import IndicatorQueries
from services.census.adapters.partner_repository import PartnerRecordRepository
from services.census.adapters.repository import (
    EmpresaRepository,
    EnsGestorRepository,
    PoligonRepository,
)
from shared.persistence.unit_of_work import UnitOfWork


class CensusUnitOfWork(UnitOfWork):
    poligons: PoligonRepository
    ens_gestors: EnsGestorRepository
    empreses: EmpresaRepository
    importacions: ImportRepository
    duplicats: DuplicateRepository
    auditoria: AuditRepository
    empreses_externes: PartnerRecordRepository
    contactes: ContactRepository
    indicadors: IndicatorQueries

    def _open(self, connection: AsyncConnection) -> None:
        self.poligons = PoligonRepository(connection)
        self.ens_gestors = EnsGestorRepository(connection)
        self.empreses = EmpresaRepository(connection)
        self.importacions = ImportRepository(connection)
        self.duplicats = DuplicateRepository(connection)
        self.auditoria = AuditRepository(connection)
        self.empreses_externes = PartnerRecordRepository(connection)
        self.contactes = ContactRepository(connection)
        self.indicadors = IndicatorQueries(connection)
