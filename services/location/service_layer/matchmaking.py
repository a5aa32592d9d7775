"""Matching both ways, the moment either side changes, inside the change's transaction.

A pair produces at most one lead. A lead is announced (``CoincidenciaTrobada``) when it is
new, and again, as a new version, only when it got materially better: the price it quotes
dropped by 5 % or more, or the offer came back to the market after expiring.
"""

from __future__ import annotations

from datetime import datetime

from services.location.adapters.links import Enllac
from services.location.domain.demands import Demanda, PerfilDemanda
from services.location.domain.leads import Coincidencia
from services.location.domain.matching import Avaluacio, avalua, millora_material
from services.location.domain.offers import Oferta
from services.location.service_layer.unit_of_work import LocationUnitOfWork
from shared.contracts.envelope import new_event


async def match_offer(oferta: Oferta, uow: LocationUnitOfWork, now: datetime,
                      correlation_id: str | None, *, back_on_market: bool = False) -> int:
    """Evaluate an offer against every active demand; how many leads were announced."""
    existing = await uow.coincidencies.existing_for_offer(oferta.oferta_id)
    pairs = [(demanda, oferta, existing.get(demanda.demanda_id))
             for demanda in await uow.demandes.candidates_for(oferta)]
    return await _record_fitting(uow, pairs, now, correlation_id, back_on_market)


async def match_demand(demanda: Demanda, uow: LocationUnitOfWork, now: datetime,
                       correlation_id: str | None) -> int:
    """Evaluate a demand against every available offer; how many leads were announced."""
    existing = await uow.coincidencies.existing_for_demand(demanda.demanda_id)
    pairs = [(demanda, oferta, existing.get(oferta.oferta_id))
             for oferta in await uow.ofertes.candidates_for(demanda)]
    return await _record_fitting(uow, pairs, now, correlation_id, False)


async def _record_fitting(uow: LocationUnitOfWork,
                          pairs: list[tuple[Demanda | PerfilDemanda, Oferta, Coincidencia | None]],
                          now: datetime, correlation_id: str | None, back_on_market: bool) -> int:
    """Record a lead for each candidate pair the matcher accepts; how many were announced."""
    announced = 0
    for demanda, oferta, lead in pairs:
        avaluacio = avalua(oferta, demanda)
        if avaluacio is not None:
            announced += await _record(uow, lead, demanda, oferta, avaluacio, now, correlation_id,
                                       back_on_market)
    return announced


async def _record(uow: LocationUnitOfWork, lead: Coincidencia | None, demanda: Demanda | PerfilDemanda,
                  oferta: Oferta, avaluacio: Avaluacio, now: datetime, correlation_id: str | None,
                  back_on_market: bool) -> int:
    if lead is None:
        lead = Coincidencia.nova(demanda.demanda_id, oferta.oferta_id, avaluacio, now)
        await uow.coincidencies.add(lead)
    elif back_on_market or millora_material(lead.preu_referencia, avaluacio.preu_referencia):
        lead.renova(avaluacio, now)
        await uow.coincidencies.save(lead)
    else:
        return 0
    tokens = {}
    if uow.links is not None:
        versio = Enllac.versio_de(lead.creada_el)
        tokens = {f"token_{answer}": uow.links.sign(Enllac(answer, lead.coincidencia_id, versio))
                  for answer in ("m_interessa", "descartada")}
    await uow.add_events(new_event(lead.trobada(**tokens), correlation_id=correlation_id))
    return 1
