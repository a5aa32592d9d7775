"""Composition root of the census service."""

from __future__ import annotations

import asyncio
from functools import partial
from pathlib import Path

from pydantic import Field

from services.census.adapters.review_links import ReviewLinks
from services.census.entrypoints.bus_access import BUS_ACCESS
from services.census.entrypoints.consumers import PARTNER_COMPANIES
from services.census.entrypoints.rpc import register_rpc
from services.census.service_layer.duplicates import compare_new_companies
from services.census.service_layer.import_job import ImportJob
from services.census.service_layer.ingest import PartnerCompanies
from services.census.service_layer.seed import seed_demo_ens_gestor, seed_poligons
from services.census.service_layer.unit_of_work import CensusUnitOfWork
from shared.messaging.partner_ingest import PartnerConsumer
from shared.messaging.uploads import get_upload
from shared.periodic import every
from shared.runtime import ServiceRuntime
from shared.settings import PartnerIngestSettings, SignedLinkSettings, load_settings, service_secret

NAME = "census"
MIGRATIONS = Path(__file__).parent / "adapters" / "migrations"


class CensusSettings(PartnerIngestSettings, SignedLinkSettings):
    # Set by `districte up`: a demo management body for Els Bellots on first start.
    seed_demo: bool = False
    # How often companies registered one by one are compared with their estate for duplicates.
    duplicats_interval_s: float = Field(default=30.0, gt=0)


def build(settings: CensusSettings) -> ServiceRuntime:
    runtime = ServiceRuntime(NAME, settings, MIGRATIONS, BUS_ACCESS, default_health_port=8101)
    uow = partial(CensusUnitOfWork, runtime.database)
    job = ImportJob(uow, lambda name: get_upload(runtime.nats().jetstream(), name), asyncio.Event())
    links = ReviewLinks(service_secret(settings.link_secret, settings.data_dir, "census-link-secret"))
    register_rpc(runtime.router, uow, job.wake.set, links)
    runtime.add_job(job.run)
    partners = PartnerCompanies(settings.ingest_partners)
    runtime.add_consumer(PartnerConsumer(PARTNER_COMPANIES, "EmpresaExterna", partners.handle, uow,
                                         runtime.dead_letters, runtime.metrics))

    # A few hundred per round: a backlog (after an outage, or from before revision 0005) is
    # worked off in the background, never at the cost of the requests census answers.
    runtime.add_job(every(settings.duplicats_interval_s, partial(compare_new_companies, uow), "duplicate_scan"))

    async def seed() -> None:
        await seed_poligons(uow)
        if settings.seed_demo:
            await seed_demo_ens_gestor(uow)

    runtime.on_startup(seed)
    return runtime


def main() -> None:
    build(load_settings(CensusSettings)).run()
