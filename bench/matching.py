"""Matching benchmark: a market of 100,000 active demands and 20,000 available offers.

Measures, on the location service's own database and code:
- one new offer against every demand, and one new demand against every offer (find the
  fitting ones and score them, as the service does when either side changes): p50/p99;
  the reasons of a lead are written when it is recorded, so they count in the next figure;
- the same use cases whole (leads and events written, then rolled back);
- a full re-match of every offer against every demand;
- the straightforward way, timed in the same run: a Python loop over every demand (or
  offer) loaded from the database, and our speed-up as a ratio of it.
"""

from __future__ import annotations

import csv
import random
import statistics
import time
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from bench.load import percentiles_ms
from bench.market import demand, offer
from services.location.adapters.tables import ofertes
from services.location.bootstrap import MIGRATIONS
from services.location.domain.matching import avalua
from services.location.service_layer.matchmaking import match_demand, match_offer
from services.location.service_layer.unit_of_work import LocationUnitOfWork
from shared.persistence.database import Database
from shared.persistence.migrations import migrate

ESTATES_CSV = Path(__file__).resolve().parents[1] / "services" / "census" / "data" / "terrassa-poligons.csv"


def _matches(counts: list[int]) -> dict:
    ordered = sorted(counts)
    return {"matches_p50": int(statistics.median(counts)), "matches_p99": ordered[int(0.99 * (len(counts) - 1))]}


def _percentiles(seconds: list[float]) -> dict:
    return percentiles_ms([s * 1000 for s in seconds]) | {"samples": len(seconds)}


async def matching_benchmark(database_url: str, demands: int = 100_000, offers: int = 20_000,
                             samples: int = 200, naive_samples: int = 5) -> dict:
    await migrate(database_url, MIGRATIONS)
    database = Database(database_url)
    uow = partial(LocationUnitOfWork, database)
    rng = random.Random(2026)
    estates = [row["poligon_id"] for row in csv.DictReader(ESTATES_CSV.open(encoding="utf-8"))]
    now = datetime.now(UTC)
    async with uow() as tx:
        for estate in estates:
            await tx.poligons.save(estate, estate)
        await tx.commit()
    for count, make, add in ((offers, offer, "ofertes"), (demands, demand, "demandes")):
        for start in range(0, count, 5000):
            async with uow() as tx:
                batch = [make(rng, estates) for _ in range(min(5000, count - start))]
                repository = getattr(tx, add)
                await (repository.add_many(batch, now) if add == "ofertes" else repository.add_many(batch))
                await tx.commit()

    new_offers = [offer(rng, estates) for _ in range(samples)]
    new_demands = [demand(rng, estates) for _ in range(samples)]

    async def find_for_offer(o) -> int:  # type: ignore[no-untyped-def]
        async with uow(readonly=True) as tx:
            return len(await tx.demandes.fitting(o))

    async def find_for_demand(d) -> int:  # type: ignore[no-untyped-def]
        async with uow(readonly=True) as tx:
            return len(await tx.ofertes.fitting(d))

    async def whole_offer(o) -> int:  # type: ignore[no-untyped-def]
        async with uow() as tx:  # leads and events written, never committed
            return await match_offer(o, tx, now, None)

    async def whole_demand(d) -> int:  # type: ignore[no-untyped-def]
        async with uow() as tx:
            return await match_demand(d, tx, now, None)

    async def naive_offer(o) -> int:  # type: ignore[no-untyped-def]
        async with uow(readonly=True) as tx:
            everything, _ = await tx.demandes.search([], 0, demands + 1)
        return sum(avalua(o, d) is not None for d in everything)

    async def timed(fn, items) -> tuple[dict, list[int]]:  # type: ignore[no-untyped-def]
        times, found = [], []
        for item in items:
            started = time.perf_counter()
            found.append(await fn(item))
            times.append(time.perf_counter() - started)
        return _percentiles(times), found

    offer_times, offer_matches = await timed(find_for_offer, new_offers)
    demand_times, demand_matches = await timed(find_for_demand, new_demands)
    whole_offer_times, _ = await timed(whole_offer, new_offers[:50])
    whole_demand_times, _ = await timed(whole_demand, new_demands[:50])
    naive_times, naive_matches = await timed(naive_offer, new_offers[:naive_samples])
    assert naive_matches == offer_matches[:naive_samples], "the fast path must find what the slow one does"

    started = time.perf_counter()
    pairs = 0
    async with uow(readonly=True) as tx:  # every offer against every demand, each through the index
        everything, _ = await tx.ofertes.search([], ofertes.c.creada_el, 0, offers + 1)
        for o in everything:
            pairs += len(await tx.demandes.fitting(o))
    full_s = time.perf_counter() - started
    await database.dispose()
    speedup = naive_times["p50_ms"] / offer_times["p50_ms"]
    return {
        "demands": demands, "offers": offers,
        "offer_vs_demands": offer_times | _matches(offer_matches),
        "demand_vs_offers": demand_times | _matches(demand_matches),
        "offer_use_case_with_writes": whole_offer_times,
        "demand_use_case_with_writes": whole_demand_times,
        "naive_offer_vs_demands": naive_times,
        "speedup_vs_naive": round(speedup, 1),
        "full_rematch_s": round(full_s, 1), "full_rematch_pairs": pairs,
        "naive_full_rematch_s_estimated": round(naive_times["p50_ms"] / 1000 * offers, 0),
    }
