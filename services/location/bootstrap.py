"""Composition root of the location service."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

import structlog
from pydantic import Field

from services.location.adapters.links import LinkSigner
from services.location.entrypoints.bus_access import BUS_ACCESS
from services.location.entrypoints.consumers import CENSUS_EVENTS, PARTNER_OFFERS
from services.location.entrypoints.rpc import register_rpc
from services.location.service_layer.demands import informar_demandes_sense_coincidencies
from services.location.service_layer.handlers import ROUTES
from services.location.service_layer.ingest import PartnerOffers
from services.location.service_layer.links import enviar_recordatoris
from services.location.service_layer.offers import caducar_ofertes
from services.location.service_layer.unit_of_work import LocationUnitOfWork
from shared.messaging.consumer import EventConsumer
from shared.messaging.partner_ingest import PartnerConsumer
from shared.periodic import every
from shared.runtime import ServiceRuntime
from shared.settings import PartnerIngestSettings, SignedLinkSettings, load_settings, service_secret

NAME = "location"
MIGRATIONS = Path(__file__).parent / "adapters" / "migrations"
log = structlog.get_logger(__name__)


class LocationSettings(PartnerIngestSettings, SignedLinkSettings):
    # An offer leaves search and matching this many days after its last confirmation.
    oferta_vigencia_dies: int = Field(default=90, ge=1, le=3650)
    # A request that finds nothing in this many days is reported to staff (lost demand).
    demanda_sense_coincidencies_dies: int = Field(default=30, ge=1, le=365)
    # How often offers due for a reminder or past their validity, and lost requests, are looked for.
    caducitat_interval_s: float = Field(default=60.0, gt=0)


def build(settings: LocationSettings) -> ServiceRuntime:
    runtime = ServiceRuntime(NAME, settings, MIGRATIONS, BUS_ACCESS, default_health_port=8102)
    signer = LinkSigner(service_secret(settings.link_secret, settings.data_dir, "location-link-secret"))
    uow = partial(LocationUnitOfWork, runtime.database, links=signer)
    vigencia = timedelta(days=settings.oferta_vigencia_dies)
    register_rpc(runtime.router, uow, vigencia, signer)
    runtime.add_consumer(EventConsumer(CENSUS_EVENTS, ROUTES, uow, runtime.dead_letters, runtime.metrics))
    partners = PartnerOffers(settings.ingest_partners, vigencia)
    runtime.add_consumer(PartnerConsumer(PARTNER_OFFERS, "OfertaExterna", partners.handle, uow,
                                         runtime.dead_letters, runtime.metrics))

    async def housekeeping() -> None:
        """Offers past their validity, contacts to remind, requests that found nothing."""
        while await caducar_ofertes(uow, datetime.now(UTC)):
            pass
        while await enviar_recordatoris(uow, signer, datetime.now(UTC)):
            pass
        while await informar_demandes_sense_coincidencies(
                uow, datetime.now(UTC), settings.demanda_sense_coincidencies_dies):
            pass

    runtime.add_job(every(settings.caducitat_interval_s, housekeeping, "housekeeping"))
    return runtime


def main() -> None:
    build(load_settings(LocationSettings)).run()
