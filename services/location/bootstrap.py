"""Composition root of the location service."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

import structlog
from pydantic import Field

from services.location.entrypoints.consumers import CENSUS_EVENTS
from services.location.entrypoints.rpc import register_rpc
from services.location.service_layer.handlers import ROUTES
from services.location.service_layer.offers import caducar_ofertes
from services.location.service_layer.unit_of_work import LocationUnitOfWork
from shared.messaging.consumer import EventConsumer
from shared.runtime import ServiceRuntime
from shared.settings import ServiceSettings, load_settings

NAME = "location"
MIGRATIONS = Path(__file__).parent / "adapters" / "migrations"
log = structlog.get_logger(__name__)


class LocationSettings(ServiceSettings):
    # An offer leaves search and matching this many days after its last confirmation.
    oferta_vigencia_dies: int = Field(default=90, ge=1, le=3650)
    # How often expired offers are looked for.
    caducitat_interval_s: float = Field(default=60.0, gt=0)


def build(settings: LocationSettings) -> ServiceRuntime:
    runtime = ServiceRuntime(NAME, settings, MIGRATIONS, default_health_port=8102)
    uow = partial(LocationUnitOfWork, runtime.database)
    register_rpc(runtime.router, uow, timedelta(days=settings.oferta_vigencia_dies))
    runtime.add_consumer(EventConsumer(CENSUS_EVENTS, ROUTES, uow, runtime.dead_letters, runtime.metrics))

    async def expire_offers(stopping: asyncio.Event) -> None:
        while not stopping.is_set():
            try:
                while await caducar_ofertes(uow, datetime.now(UTC)):
                    pass
            except Exception as exc:  # noqa: BLE001 - try again at the next round
                log.warning("expiry_failed", error=type(exc).__name__)
            try:
                await asyncio.wait_for(stopping.wait(), timeout=settings.caducitat_interval_s)
            except TimeoutError:
                pass

    runtime.add_job(expire_offers)
    return runtime


def main() -> None:
    build(load_settings(LocationSettings)).run()
