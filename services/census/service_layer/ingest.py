"""Partners' company records (stream ``INGEST``): validated exactly as an API call, upserted by
(partner, the partner's own id), announced with census's own events; a refused one is answered
with ``EmpresaExternaRebutjada`` (see shared.messaging.partner_ingest).

A partner never creates a second record of a company the census already has in that estate (same
NIF): it takes that record over. A record it publishes again in another estate has moved there. Records that only look alike are compared by the duplicate scan
and suggested to staff, as for any company registered one by one.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from services.census.domain.imports import EstateNames
from services.census.domain.model import Empresa
from services.census.service_layer import commands
from services.census.service_layer.import_lines import UPDATABLE
from services.census.service_layer.unit_of_work import CensusUnitOfWork
from shared.contracts.census_api import RegistrarEmpresa
from shared.contracts.envelope import CloudEvent
from shared.contracts.ingest import EmpresaExterna, EmpresaExternaRebutjada
from shared.errors import FieldError, Invalid
from shared.identifiers import parse_nif
from shared.messaging.partner_ingest import PartnerIngest
from shared.observability.correlation import current_actor

MERGES_FOLLOWED = 5  # a record merged into one that was merged in turn, ...


class PartnerCompanies(PartnerIngest[CensusUnitOfWork]):
    refusal = EmpresaExternaRebutjada
    what = "empresa"

    async def apply(self, soci: str, referencia: str, event: CloudEvent[Any], uow: CensusUnitOfWork) -> None:
        record = EmpresaExterna.model_validate(event.data.model_extra or {})
        estates = EstateNames({p.poligon_id: p.nom for p in await uow.poligons.list()})
        poligon_id = estates.resolve(record.poligon_id)
        if poligon_id is None:
            raise Invalid([FieldError(camp="poligon_id", motiu=f"cap polígon del districte es diu «{record.poligon_id}»")])
        actor = current_actor.set(f"soci:{soci}")  # the audit trail says who changed the record
        try:
            empresa = await self._upsert(soci, referencia, record.model_copy(update={"poligon_id": poligon_id}),
                                         event.correlationid, uow)
        finally:
            current_actor.reset(actor)
        if empresa is not None:
            await uow.empreses_externes.save(soci, referencia, str(empresa.empresa_id), datetime.now(UTC))

    async def _upsert(self, soci: str, referencia: str, record: EmpresaExterna, correlation: str | None,
                      uow: CensusUnitOfWork) -> Empresa | None:
        empresa = await _current(uow, await uow.empreses_externes.empresa_id(soci, referencia))
        if empresa is None or empresa.estat != "activa":
            empresa = await _active_with_nif(uow, record)
        if record.estat == "baixa":
            if empresa is None:
                return None  # nothing of it here: nothing to take off
            return await commands.depart(uow, empresa, record.motiu_baixa or "altres", record.municipi_desti,
                                         datetime.now(UTC).date(), correlation)
        if empresa is None:
            return await commands.registrar_empresa(RegistrarEmpresa(**record.model_dump(include=_REGISTER)),
                                                    uow, correlation, font="soci")
        if empresa.poligon_id != record.poligon_id:
            empresa = await commands.move(uow, empresa, record.poligon_id, record.adreca, datetime.now(UTC).date(),
                                          correlation)
        # What the partner does not say, it does not change.
        given = {name: getattr(record, name) for name in UPDATABLE if name in record.model_fields_set}
        return await commands.modify(uow, empresa, given, correlation)


_REGISTER = set(RegistrarEmpresa.model_fields)


async def _current(uow: CensusUnitOfWork, empresa_id: str | None) -> Empresa | None:
    """The record the partner's id points at, or the one staff kept when they merged it away."""
    for _ in range(MERGES_FOLLOWED):
        if empresa_id is None:
            return None
        empresa = await uow.empreses.get(uuid.UUID(empresa_id))
        if empresa is None or empresa.estat != "fusionada":
            return empresa
        empresa_id = await uow.duplicats.kept_instead_of(empresa_id)
    return None


async def _active_with_nif(uow: CensusUnitOfWork, record: EmpresaExterna) -> Empresa | None:
    """The company's active record in that estate, if the census has one."""
    try:
        nif = parse_nif(record.nif).value
    except ValueError:
        return None  # registering it says why
    return next((e for e in await uow.empreses.with_nifs({nif})
                 if e.estat == "activa" and e.poligon_id == record.poligon_id), None)
