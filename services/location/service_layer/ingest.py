"""Partners' offers (stream ``INGEST``): validated exactly as an API call, upserted by
(partner, the partner's own id), announced with our own events; a refused one is answered
with ``OfertaExternaRebutjada`` (see shared.messaging.partner_ingest)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from services.location.service_layer import offers
from services.location.service_layer.unit_of_work import LocationUnitOfWork
from shared.contracts.envelope import CloudEvent
from shared.contracts.ingest import OfertaExterna, OfertaExternaRebutjada
from shared.contracts.location_api import CanvisOferta
from shared.messaging.partner_ingest import PartnerIngest

# A partner's offer in one of these states is still its listing: later publications update it.
STILL_LISTED = ("disponible", "reservada", "caducada")


class PartnerOffers(PartnerIngest[LocationUnitOfWork]):
    refusal = OfertaExternaRebutjada
    what = "oferta"

    def __init__(self, partners: dict[str, str], vigencia: timedelta) -> None:
        super().__init__(partners)
        self._vigencia = vigencia

    async def apply(self, soci: str, referencia: str, event: CloudEvent[Any], uow: LocationUnitOfWork) -> None:
        oferta_externa = OfertaExterna.model_validate(event.data.model_extra or {})
        now, correlation = datetime.now(UTC), event.correlationid
        known = await uow.ofertes_externes.oferta_id(soci, referencia)
        oferta = await uow.ofertes.get(known) if known else None
        if oferta_externa.estat != "disponible":
            if oferta is not None and oferta.estat in STILL_LISTED:
                await offers.withdraw(uow, oferta, oferta_externa.estat, correlation)
            return
        if oferta is None or oferta.estat not in STILL_LISTED:
            # New, or back after it was let or sold: a new listing.
            oferta = await offers.publish(uow, oferta_externa, now, self._vigencia, correlation)
            await uow.ofertes_externes.save(soci, referencia, oferta.oferta_id)
            return
        changes = oferta_externa.model_dump(exclude={"estat"})
        await offers.change(uow, oferta, CanvisOferta(**changes), now, correlation)
        await offers.confirm(uow, oferta, now, self._vigencia, correlation)  # published again: still there
