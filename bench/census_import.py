"""Bulk import of companies, and the directory search over what it loaded.

- import: a CSV of N companies (all the estates, as a census file is) uploaded to the portal; timed
  from the upload until the import is completed and every event it staged is in the CENSUS stream
  (committed and published). Its ratio is against the per-row path measured in the same run
  (``RegistrarEmpresa`` over request-reply, bench.stages.census_alone).
- directory: ``GET /api/v1/empreses`` with a name fragment, an estate or an activity, over HTTP,
  one at a time: p50 / p99.
"""

from __future__ import annotations

import asyncio
import csv
import io
import random
import time

import httpx
import nats

from bench.load import percentiles_ms
from tests.support.identifiers import valid_cif

ESTATES = ("can-farcan", "segle-xx", "santa-margarida-ii", "santa-margarida-i", "can-palet", "can-guitard",
           "palau-sud-can-guitard", "colom-ii", "els-bellots", "sector-montserrat", "can-gorgs", "la-gripia",
           "can-petit", "puigbarral", "palau-nord", "els-bellots-ii", "franja-nord", "can-parellada-industrial",
           "carrer-d-alemanya")
WORDS = ("Metalls", "Plàstics", "Tèxtil", "Logística", "Fusteria", "Gràfiques", "Mecanitzats", "Química", "Egara",
         "Vallès", "Terrassa", "Components", "Envasos", "Motlles", "Serveis")
CNAE = ("2511", "2229", "1330", "5210", "1623", "1812", "2562", "2030", "4321", "3312")


def census_csv(count: int, offset: int) -> bytes:
    rng = random.Random(7)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["NIF", "Raó social", "CNAE", "Polígon", "Treballadors", "Telèfon"])
    for n in range(offset, offset + count):
        name = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {n:06d} SL"
        writer.writerow([valid_cif(n), name, rng.choice(CNAE), ESTATES[n % len(ESTATES)], n % 250,
                         f"93{n % 10_000_000:07d}"])
    return buffer.getvalue().encode()


async def import_benchmark(portal_url: str, nats_url: str, token: str, companies: int, offset: int,
                           per_row_per_s: float, searches: int = 300) -> dict:
    data = census_csv(companies, offset)
    nc = await nats.connect(nats_url)
    js = nc.jetstream()
    published_before = (await js.stream_info("CENSUS")).state.messages
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=portal_url, headers=headers, timeout=120) as client:
        started = time.perf_counter()
        response = await client.post("/api/v1/importacions", content=data, params={"nom_fitxer": "bench.csv"},
                                     headers={"Content-Type": "text/csv"})
        response.raise_for_status()
        importacio_id = response.json()["importacio_id"]
        while True:
            polled = await client.get(f"/api/v1/importacions/{importacio_id}")
            current = polled.json()
            if polled.status_code != 200:
                raise RuntimeError(f"the import could not be followed: {polled.status_code} {current}")
            if current["estat"] in ("completada", "fallida"):
                break
            await _pause()
        committed = time.perf_counter()
        if current["estat"] != "completada" or current["noves"] != companies:
            raise RuntimeError(f"the import did not load every company: {current}")
        # Every company's event and the import's own.
        while (await js.stream_info("CENSUS")).state.messages < published_before + companies + 1:
            await _pause()
        published = time.perf_counter()
        # Searched once notifications has read the import's events: a quiet district, as most days.
        while (await js.consumer_info("CENSUS", "notifications-census")).num_pending:
            await _pause()
        directory = await _searches(client, searches)
    await nc.close()
    rows_per_s = companies / (published - started)
    return {"companies": companies, "committed_s": round(committed - started, 2),
            "committed_and_published_s": round(published - started, 2), "rows_per_s": round(rows_per_s, 1),
            "per_row_path_per_s": per_row_per_s, "ratio_to_per_row": round(rows_per_s / per_row_per_s, 2),
            "directory": directory}


async def _searches(client: httpx.AsyncClient, count: int) -> dict:
    rng = random.Random(11)
    timings: list[float] = []
    for i in range(count):
        params = ({"q": rng.choice(WORDS).lower()} if i % 3 == 0 else
                  {"poligon": rng.choice(ESTATES)} if i % 3 == 1 else
                  {"cnae": rng.choice(CNAE), "q": rng.choice(WORDS)[:4]})
        started = time.perf_counter()
        response = await client.get("/api/v1/empreses", params=params)
        timings.append((time.perf_counter() - started) * 1000)
        response.raise_for_status()
    return {"searches": count, **percentiles_ms(timings)}


async def _pause() -> None:
    await asyncio.sleep(0.05)
