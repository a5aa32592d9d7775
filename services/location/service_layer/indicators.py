"""Location's part of the observatory, per estate: premises on the market, obsolete ones, possible
vacancies to verify, and the demand that asks for the estate."""

from __future__ import annotations

from collections.abc import Callable

from services.location.adapters.indicator_queries import ANY_ESTATE
from services.location.service_layer.unit_of_work import LocationUnitOfWork
from shared.contracts.indicators import IndicadorsLocalitzacio, IndicadorsLocalitzacioPoligon

UowFactory = Callable[..., LocationUnitOfWork]


async def indicadors(uow_factory: UowFactory) -> IndicadorsLocalitzacio:
    async with uow_factory(readonly=True) as uow:
        estates = sorted(await uow.poligons.ids())
        offers = {poligon: (units, m2, obsolete) for poligon, units, m2, obsolete in await uow.indicadors.offers()}
        vacancies = await uow.indicadors.vacancies_to_verify()
        demands, total = await uow.indicadors.active_demands()
    return IndicadorsLocalitzacio(
        poligons=[IndicadorsLocalitzacioPoligon(
            poligon_id=poligon, unitats_disponibles=offers.get(poligon, (0, 0, 0))[0],
            m2_disponibles=int(offers.get(poligon, (0, 0, 0))[1] or 0),
            unitats_obsoletes=int(offers.get(poligon, (0, 0, 0))[2] or 0),
            vacants_per_verificar=vacancies.get(poligon, 0), demandes_actives=demands.get(poligon, 0))
            for poligon in estates],
        demandes_actives=total, demandes_sense_preferencia=demands.get(ANY_ESTATE, 0))
