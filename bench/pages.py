"""The portal's pages over a loaded district (the import's 50,000+ companies and 20,000 offers):
server time of the home page, an estate sheet, a directory search and a premises search, p50 / p99,
and the same queries through ``/api/v1``. One request at a time over loopback HTTP, so the time is
the portal's and its services' (goal: p99 ≤ 150 ms). Pages read the district-wide figures from a
snapshot at most 30 s old (``DISTRICTE_PAGINES_CACHE_S``): what taking one costs is timed apart
(``GET /api/v1/indicadors`` and ``/api/v1/poligons``, live)."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable

import httpx

from bench.census_import import ESTATES, WORDS
from bench.load import percentiles_ms

KINDS = ("nau", "nau", "nau", "solar", "oficina")
CONDITIONS = ("nou", "bo", "bo", "a_reformar")


def offer(rng: random.Random, n: int) -> dict:
    area = int(rng.lognormvariate(7.2, 0.8)) + 80
    sale = rng.random() < 0.3
    return {"tipus": rng.choice(KINDS), "operacio": "venda" if sale else "lloguer",
            "poligon_id": ESTATES[n % len(ESTATES)], "superficie_m2": area,
            "estat_conservacio": rng.choice(CONDITIONS), "preu_eur": area * (900 if sale else 5),
            "alcada_lliure_m": rng.choice((5, 6, 8, 9.5, 12)), "adreca": f"Carrer {n % 400}, {n % 90 + 1}",
            "contacte": {"nom": "Agència", "email": "agencia@bench.example"}}


async def publish_offers(client: httpx.AsyncClient, count: int, concurrency: int = 32) -> float:
    """Publish ``count`` offers through the API; offers per second."""
    rng = random.Random(20)
    bodies = [offer(rng, n) for n in range(count)]
    queue: asyncio.Queue[dict] = asyncio.Queue()
    for body in bodies:
        queue.put_nowait(body)

    async def worker() -> None:
        while not queue.empty():
            response = await client.post("/api/v1/ofertes", json=queue.get_nowait())
            response.raise_for_status()

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return round(count / (time.perf_counter() - started), 1)


async def pages_benchmark(portal_url: str, token: str, offers: int = 20_000, requests: int = 100) -> dict:
    staff = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=portal_url, headers=staff, timeout=60) as publisher:
        offers_per_s = await publish_offers(publisher, offers)
    rng = random.Random(12)
    page = {"Accept": "text/html", "Accept-Language": "ca"}
    cases: dict[str, tuple[str, Callable[[], dict]]] = {
        "home": ("/", dict),
        "estate_sheet": ("/poligons/{estate}", dict),
        "directory_search": ("/empreses", lambda: {"q": rng.choice(WORDS).lower()}),
        "premises_search": ("/espais", lambda: {"tipus": "nau", "superficie_min": rng.choice((500, 1000, 2000)),
                                                "poligon": rng.choice(ESTATES), "ordre": "preu"}),
        "api_estate": ("/api/v1/poligons/{estate}", dict),
        "api_directory_search": ("/api/v1/empreses", lambda: {"q": rng.choice(WORDS).lower()}),
        "api_premises_search": ("/api/v1/ofertes", lambda: {"tipus": "nau", "superficie_min": rng.choice((500, 1000, 2000)),
                                                             "poligon": rng.choice(ESTATES), "ordre": "preu"}),
    }
    live = {"snapshot_indicators": ("/api/v1/indicadors", dict), "snapshot_estates": ("/api/v1/poligons", dict)}
    results: dict[str, dict] = {"offers": offers, "offers_published_per_s": offers_per_s}
    async with httpx.AsyncClient(base_url=portal_url, headers=page, timeout=60) as client:
        for name, (path, params) in {**cases, **live}.items():
            timings = []
            for i in range((requests if name in cases else requests // 5) + 5):
                url = path.format(estate=rng.choice(ESTATES))
                started = time.perf_counter()
                response = await client.get(url, params=params())
                elapsed = (time.perf_counter() - started) * 1000
                response.raise_for_status()
                if i >= 5:  # the first few warm the caches and connections
                    timings.append(elapsed)
            results[name] = percentiles_ms(timings)
    return results
