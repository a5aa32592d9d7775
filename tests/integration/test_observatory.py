"""The observatory's figures, against figures counted by hand: census per estate and for the
district (a move within it is neither an arrival nor a departure there), location per estate."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from functools import partial

from sqlalchemy import update

from services.census.adapters.tables import empreses
from services.census.service_layer import indicators as census_indicators
from services.census.service_layer.commands import donar_de_baixa, registrar_empresa, traslladar_empresa
from services.census.service_layer.unit_of_work import CensusUnitOfWork
from services.location.service_layer import indicators as location_indicators
from services.location.service_layer import vacancies
from services.location.service_layer.unit_of_work import LocationUnitOfWork
from shared.contracts import EmpresaDonadaDeBaixa, new_event
from shared.contracts.census_api import DonarDeBaixaEmpresa, RegistrarEmpresa, TraslladarEmpresa
from shared.contracts.indicators import ConsultaIndicadors
from tests.integration.test_location_service import publish, request
from tests.support.identifiers import valid_cif
from tests.support.premises import ESTATES

TODAY = date(2026, 11, 29)  # quarter 2026-T4


async def company(uow: partial[CensusUnitOfWork], n: int, estate: str, cnae: str, staff: int | None,
                  registered: datetime) -> uuid.UUID:
    async with uow() as tx:
        empresa = await registrar_empresa(RegistrarEmpresa(nif=valid_cif(n), rao_social=f"Empresa {n} SL", cnae=cnae,
                                                           poligon_id=estate, treballadors=staff), tx, None)
        await tx.connection.execute(update(empreses).where(empreses.c.empresa_id == str(empresa.empresa_id))
                                    .values(registrada_el=registered))
        await tx.commit()
    return empresa.empresa_id


async def test_census_figures_per_estate_and_for_the_district(census_uow: partial[CensusUnitOfWork]) -> None:
    t3, t4 = datetime(2026, 8, 3, tzinfo=UTC), datetime(2026, 11, 2, tzinfo=UTC)
    await company(census_uow, 1, "els-bellots", "2511", 12, t3)     # metal, 10-49
    await company(census_uow, 2, "els-bellots", "4941", 3, t4)      # transport (H), 0-9
    gone = await company(census_uow, 3, "els-bellots", "2512", None, t3)
    mover = await company(census_uow, 4, "els-bellots", "2229", 300, t3)  # plastics (C), 250+
    await company(census_uow, 5, "can-farcan", "4321", 60, datetime(2025, 1, 10, tzinfo=UTC))  # F, long ago
    await donar_de_baixa(DonarDeBaixaEmpresa(empresa_id=gone, motiu="tancament", data_baixa=date(2026, 10, 5)),
                         census_uow, None)
    await traslladar_empresa(TraslladarEmpresa(empresa_id=mover, poligon_id="can-farcan",
                                               data_trasllat=date(2026, 11, 20)), census_uow, None)

    figures = await census_indicators.indicadors(ConsultaIndicadors(trimestres=2), census_uow, today=TODAY)
    by_estate = {estate.poligon_id: estate for estate in figures.poligons}
    bellots, farcan, district = by_estate["els-bellots"], by_estate["can-farcan"], figures.districte

    assert (bellots.empreses, bellots.treballadors) == (2, 15)
    assert bellots.per_tram == {"0-9": 1, "10-49": 1, "50-249": 0, "250+": 0, "desconegut": 0}
    assert bellots.per_seccio == {"C": 1, "H": 1}
    # Els Bellots: 3 arrived in T3 (the mover too: it was registered there), 1 in T4; in T4 one closed, one moved out.
    assert [(q.trimestre, q.entrades, q.sortides) for q in bellots.per_trimestre] == [("2026-T3", 3, 0),
                                                                                      ("2026-T4", 1, 2)]
    assert (farcan.empreses, farcan.treballadors, farcan.per_seccio) == (2, 360, {"C": 1, "F": 1})
    assert [(q.entrades, q.sortides) for q in farcan.per_trimestre] == [(0, 0), (1, 0)]
    assert (district.empreses, district.treballadors) == (4, 375)
    assert district.per_tram == {"0-9": 1, "10-49": 1, "50-249": 1, "250+": 1, "desconegut": 0}
    assert [(q.entrades, q.sortides) for q in district.per_trimestre] == [(3, 0), (1, 1)]
    assert by_estate["santa-margarida-i"].empreses == 0


async def test_location_figures_per_estate(uow: partial[LocationUnitOfWork]) -> None:
    first, second = ESTATES[0], ESTATES[1]
    await publish(uow, poligon_id=first, superficie_m2=2400)
    await publish(uow, poligon_id=first, superficie_m2=1000, estat_conservacio="obsolet")
    await publish(uow, poligon_id=second, superficie_m2=500)
    await request(uow, poligons=[first])
    await request(uow, poligons=[first, second])
    await request(uow)  # any estate
    async with uow() as tx:
        await vacancies.on_empresa_donada_de_baixa(new_event(EmpresaDonadaDeBaixa(
            empresa_id=uuid.uuid4(), poligon_id=second, motiu="tancament", data_baixa=TODAY)), tx)
        await tx.commit()

    figures = await location_indicators.indicadors(uow)
    by_estate = {estate.poligon_id: estate for estate in figures.poligons}
    assert (by_estate[first].unitats_disponibles, by_estate[first].m2_disponibles,
            by_estate[first].unitats_obsoletes, by_estate[first].demandes_actives) == (2, 3400, 1, 2)
    assert (by_estate[second].unitats_disponibles, by_estate[second].vacants_per_verificar,
            by_estate[second].demandes_actives) == (1, 1, 1)
    assert (figures.demandes_actives, figures.demandes_sense_preferencia) == (3, 1)
