"""Possible vacancies: recorded when a company leaves its estate (or moves to another of the
district), resolved by staff who go and see."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from services.location.adapters.tables import vacants_possibles
from services.location.domain.vacancies import VacantPossible
from services.location.service_layer.unit_of_work import LocationUnitOfWork
from shared.contracts import CloudEvent, EmpresaDonadaDeBaixa, EmpresaTraslladada
from shared.contracts.location_api import LlistarVacants, Pagina, ResoldreVacant, VacantView
from shared.errors import NotFound

UowFactory = Callable[..., LocationUnitOfWork]


async def on_empresa_donada_de_baixa(event: CloudEvent[EmpresaDonadaDeBaixa], uow: LocationUnitOfWork) -> None:
    """Inside the consumer's transaction; once per company however often the event comes."""
    data = event.data
    await uow.vacants.add(VacantPossible(
        vacant_id=uuid.uuid4(), empresa_id=data.empresa_id, poligon_id=data.poligon_id, adreca=data.adreca,
        empresa_nom=data.nom, motiu=data.motiu, municipi_desti=data.municipi_desti,
        data_baixa=data.data_baixa, detectada_el=datetime.now(UTC)))


async def on_empresa_traslladada(event: CloudEvent[EmpresaTraslladada], uow: LocationUnitOfWork) -> None:
    """A company that moved within the district leaves premises behind too."""
    data = event.data
    await uow.vacants.add(VacantPossible(
        vacant_id=uuid.uuid4(), empresa_id=data.empresa_id, poligon_id=data.poligon_origen, adreca=data.adreca_origen,
        empresa_nom=data.nom, motiu="trasllat", municipi_desti=None, data_baixa=data.data_trasllat,
        detectada_el=datetime.now(UTC)))


async def resoldre_vacant(command: ResoldreVacant, uow_factory: UowFactory) -> VacantView:
    async with uow_factory() as uow:
        vacant = await uow.vacants.get(command.vacant_id)
        if vacant is None:
            raise NotFound("No existeix cap possible vacant amb aquest identificador.")
        if command.oferta_id is not None and await uow.ofertes.get(command.oferta_id) is None:
            raise NotFound("No existeix cap oferta amb aquest identificador.")
        vacant.resol(command.resultat, command.oferta_id, datetime.now(UTC))
        await uow.vacants.save(vacant)
        await uow.commit()
    return vacant_view(vacant)


async def llistar_vacants(query: LlistarVacants, uow_factory: UowFactory) -> Pagina[VacantView]:
    v = vacants_possibles
    conditions = [condition for wanted, condition in (
        (query.estat, v.c.estat == query.estat), (query.poligon, v.c.poligon_id == query.poligon)) if wanted]
    async with uow_factory(readonly=True) as uow:
        items, total = await uow.vacants.search(conditions, (query.pagina - 1) * query.mida, query.mida)
    return Pagina[VacantView](items=[vacant_view(i) for i in items], total=total, pagina=query.pagina,
                              mida=query.mida)


def vacant_view(vacant: VacantPossible) -> VacantView:
    return VacantView.model_validate(vacant.__dict__)
