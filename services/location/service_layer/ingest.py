"""Partners' offers (stream ``INGEST``): validated exactly as an API call, upserted by
(partner, the partner's own id), announced with our own events.

A refused one becomes a dead letter with the reasons, and the partner's contact is told why
(``OfertaExternaRebutjada``). Only partners configured with a contact are accepted.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from pydantic import ValidationError

from services.location.service_layer import offers
from services.location.service_layer.unit_of_work import LocationUnitOfWork
from shared.contracts.envelope import CloudEvent
from shared.contracts.ingest import OfertaExterna, OfertaExternaRebutjada
from shared.contracts.location_api import CanvisOferta
from shared.errors import Rejected
from shared.messaging.consumer import PermanentError
from shared.validation_messages import field_errors

# A partner's offer in one of these states is still its listing: later publications update it.
STILL_LISTED = ("disponible", "reservada", "caducada")


def partner_of(event_type: str) -> str:
    """``districte.ingest.<partner>.OfertaExterna.v1`` → partner."""
    return event_type.split(".")[2]


class PartnerOffers:
    def __init__(self, partners: dict[str, str], vigencia: timedelta) -> None:
        self._partners = partners  # partner → contact mail
        self._vigencia = vigencia

    async def handle(self, event: CloudEvent[Any], uow: LocationUnitOfWork) -> None:
        soci, referencia = partner_of(event.type), event.subject
        contacte = self._partners.get(soci)
        if contacte is None:
            raise PermanentError(f"soci desconegut: '{soci}' (cal configurar-lo a DISTRICTE_INGEST_PARTNERS)")
        try:
            await self._apply(soci, referencia, event, uow)
        except ValidationError as exc:
            self._refuse(soci, referencia, contacte, [f"{e.camp}: {e.motiu}" for e in field_errors(exc)])
        except Rejected as exc:
            self._refuse(soci, referencia, contacte,
                         [f"{e.camp}: {e.motiu}" for e in exc.errors] or [exc.missatge])

    async def _apply(self, soci: str, referencia: str, event: CloudEvent[Any], uow: LocationUnitOfWork) -> None:
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

    @staticmethod
    def _refuse(soci: str, referencia: str, contacte: str, motius: list[str]) -> None:
        raise PermanentError(
            f"oferta del soci '{soci}' rebutjada ({referencia}): " + "; ".join(motius),
            announce=OfertaExternaRebutjada(soci=soci, referencia=referencia[:200], contacte=contacte,
                                            motius=motius))
