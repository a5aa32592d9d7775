"""Matching both ways, the moment either side changes, inside the change's transaction.

The database finds and scores the fitting pairs (``adapters.matching_query``); this records them.

A pair produces at most one lead. A lead is announced (``CoincidenciaTrobada``) when it is
new, and again, as a new version, only when it got materially better: the price it quotes
dropped by 5 % or more, or the offer came back to the market after expiring.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from services.location.adapters.links import Enllac
from services.location.domain.demands import Demanda
from services.location.domain.leads import Coincidencia
from services.location.domain.matching import Avaluacio, millora_material
from services.location.domain.offers import Oferta
from services.location.service_layer.unit_of_work import LocationUnitOfWork
from shared.contracts.envelope import new_event


async def match_offer(oferta: Oferta, uow: LocationUnitOfWork, now: datetime,
                      correlation_id: str | None, *, back_on_market: bool = False) -> int:
    """Evaluate an offer against every active demand; how many leads were announced."""
    existing = _by_id(await uow.coincidencies.existing_for_offer(oferta.oferta_id))
    offer_id = str(oferta.oferta_id)
    pairs = [(existing.get(demanda_id), demanda_id, offer_id, avaluacio)
             for demanda_id, avaluacio in await uow.demandes.fitting(oferta)]
    return await _record_all(uow, pairs, now, correlation_id, back_on_market)


async def match_demand(demanda: Demanda, uow: LocationUnitOfWork, now: datetime,
                       correlation_id: str | None) -> int:
    """Evaluate a demand against every available offer; how many leads were announced."""
    existing = _by_id(await uow.coincidencies.existing_for_demand(demanda.demanda_id))
    demand_id = str(demanda.demanda_id)
    pairs = [(existing.get(oferta_id), demand_id, oferta_id, avaluacio)
             for oferta_id, avaluacio in await uow.ofertes.fitting(demanda)]
    return await _record_all(uow, pairs, now, correlation_id, False)


def _by_id(leads: dict[uuid.UUID, Coincidencia]) -> dict[str, Coincidencia]:
    """Keyed as the database names the other side: a thousand pairs need not parse their ids."""
    return {str(other_id): lead for other_id, lead in leads.items()}


async def _record_all(uow: LocationUnitOfWork, pairs: list[tuple[Coincidencia | None, str, str, Avaluacio]],
                      now: datetime, correlation_id: str | None, back_on_market: bool) -> int:
    """Record or renew the lead of each fitting pair as its evaluation warrants; how many were announced."""
    announced = 0
    for lead, demanda_id, oferta_id, avaluacio in pairs:
        announced += await _record(uow, lead, demanda_id, oferta_id, avaluacio, now, correlation_id,
                                   back_on_market)
    return announced


async def _record(uow: LocationUnitOfWork, lead: Coincidencia | None, demanda_id: str, oferta_id: str,
                  avaluacio: Avaluacio, now: datetime, correlation_id: str | None, back_on_market: bool) -> int:
    if lead is None:
        lead = Coincidencia.nova(uuid.UUID(demanda_id), uuid.UUID(oferta_id), avaluacio, now)
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
