"""Composition root of the location service."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from services.location.entrypoints.consumers import CENSUS_EVENTS
from services.location.service_layer.handlers import ROUTES
from shared.messaging.consumer import EventConsumer
from shared.persistence.unit_of_work import UnitOfWork
from shared.runtime import ServiceRuntime
from shared.settings import ServiceSettings, load_settings

NAME = "location"
MIGRATIONS = Path(__file__).parent / "adapters" / "migrations"


def build(settings: ServiceSettings) -> ServiceRuntime:
    runtime = ServiceRuntime(NAME, settings, MIGRATIONS, default_health_port=8102)
    runtime.add_consumer(EventConsumer(CENSUS_EVENTS, ROUTES, partial(UnitOfWork, runtime.database),
                                       runtime.dead_letters, runtime.metrics))
    return runtime


def main() -> None:
    build(load_settings(ServiceSettings)).run()
