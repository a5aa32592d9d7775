"""Offer published → the company's lead mail sent, at a fixed offered load of offers.

N companies each file a request that exactly one of the N offers will fit (surface ranges
10 m² apart), then the offers are published through the portal at ``rate`` per second; each
request carries its own correlation id, which the offer's events and the lead's
``NotificacioEnviada`` carry on, so the latency is matched per offer.
"""

from __future__ import annotations

import asyncio
import time
import uuid

import nats
import orjson

from bench.http_client import Connection
from bench.load import open_loop, percentiles_ms

SENT_SUBJECT = "districte.notifications.NotificacioEnviada.v1"


def _demand(n: int) -> dict:
    low = 1000 + 10 * n
    return {"empresa": {"nom": f"Empresa {n}", "email": f"empresa{n}@bench.example"}, "consentiment": True,
            "tipus": ["nau"], "operacio": "lloguer", "superficie_min_m2": low, "superficie_max_m2": low + 5,
            "motiu": "ampliacio"}


def _offer(n: int) -> dict:
    return {"tipus": "nau", "operacio": "lloguer", "poligon_id": "els-bellots", "superficie_m2": 1002 + 10 * n,
            "estat_conservacio": "bo", "preu_eur": 4 * (1002 + 10 * n),
            "contacte": {"nom": "Agència", "email": "agencia@bench.example"}}


async def lead_latency(nats_url: str, http_port: int, token: str, rate: float, seconds: float) -> dict:
    count = int(rate * seconds)
    staff = {"Authorization": f"Bearer {token}"}
    nc = await nats.connect(nats_url)
    js = nc.jetstream()
    for _ in range(600):  # location must know the estates before requests name them
        info = await js.consumer_info("CENSUS", "location-census")
        if info.delivered.stream_seq >= 19 and not info.num_pending:
            break
        await asyncio.sleep(0.1)
    setup = Connection("127.0.0.1", http_port)
    for n in range(count):
        status, body = await setup.request("POST", "/api/v1/demandes", _demand(n), staff)
        if status != 201:
            raise RuntimeError(f"demand {n} refused: {status} {body[:200]!r}")
    await setup.close()

    sent_at: dict[str, float] = {}
    mailed_at: dict[str, float] = {}
    done = asyncio.Event()

    async def on_sent(message) -> None:  # type: ignore[no-untyped-def]
        event = orjson.loads(message.data)
        if event["data"]["destinatari"].startswith("empresa") and event["correlationid"] in sent_at:
            mailed_at.setdefault(event["correlationid"], time.perf_counter())
            if len(mailed_at) >= count:
                done.set()

    await nc.subscribe(SENT_SUBJECT, cb=on_sent)
    clients = [Connection("127.0.0.1", http_port) for _ in range(16)]
    idle = list(clients)
    available = asyncio.Semaphore(len(clients))

    async def publish(n: int) -> None:
        correlation = str(uuid.uuid4())
        await available.acquire()
        connection = idle.pop()
        try:
            sent_at[correlation] = time.perf_counter()
            status, body = await connection.request("POST", "/api/v1/ofertes", _offer(n),
                                                    staff | {"X-Correlation-ID": correlation})
        finally:
            idle.append(connection)
            available.release()
        if status != 201:
            raise RuntimeError(f"offer {n} refused: {status} {body[:200]!r}")

    await open_loop(rate, count, publish)
    await asyncio.wait_for(done.wait(), timeout=120)
    for connection in clients:
        await connection.close()
    await nc.close()
    latencies = [(mailed_at[k] - sent_at[k]) * 1000 for k in mailed_at]
    return {"offered_per_s": rate, "offers": count, **percentiles_ms(latencies)}
