"""Per-stage throughput, to see which service limits the end-to-end figure.

- census alone: ``RegistrarEmpresa`` over NATS request-reply, N in flight, no portal;
- notifications alone: N ``EmpresaRegistrada`` events published straight into the CENSUS
  stream, timed until the last ``NotificacioEnviada``.
"""

from __future__ import annotations

import asyncio
import time
import uuid

import nats
import orjson

from shared.contracts import EmpresaRegistrada, encode, new_event
from tests.support.identifiers import valid_cif

SENT_SUBJECT = "districte.notifications.NotificacioEnviada.v1"


async def census_alone(nats_url: str, count: int, concurrency: int, offset: int) -> float:
    nc = await nats.connect(nats_url)
    pending = iter(range(offset, offset + count))

    async def worker() -> None:
        for n in pending:
            payload = orjson.dumps({"nif": valid_cif(n), "rao_social": f"Etapa {n} SL",
                                    "cnae": "2511", "poligon_id": "els-bellots"})
            reply = await nc.request("districte.rpc.census.RegistrarEmpresa", payload, timeout=60)
            if not orjson.loads(reply.data)["ok"]:
                raise RuntimeError(reply.data.decode())

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    await nc.close()
    return round(count / elapsed, 1)


async def notifications_alone(nats_url: str, count: int) -> float:
    nc = await nats.connect(nats_url)
    js = nc.jetstream()
    correlation = f"stage-{uuid.uuid4()}"
    received = 0
    done = asyncio.Event()

    async def on_sent(message) -> None:  # type: ignore[no-untyped-def]
        nonlocal received
        if orjson.loads(message.data)["correlationid"] == correlation:
            received += 1
            if received >= count:
                done.set()

    await nc.subscribe(SENT_SUBJECT, cb=on_sent)
    started = time.perf_counter()
    futures = []
    for n in range(count):
        event = new_event(EmpresaRegistrada(
            empresa_id=uuid.uuid4(), nif=valid_cif(700_000 + n), rao_social=f"Etapa {n} SL",
            cnae="2511", poligon_id="els-bellots"), correlation_id=correlation)
        futures.append(await js.publish_async(event.type, encode(event),
                                              headers={"Nats-Msg-Id": str(event.id)}))
    await asyncio.gather(*futures)
    await asyncio.wait_for(done.wait(), timeout=600)
    elapsed = time.perf_counter() - started
    await nc.close()
    return round(count / elapsed, 1)
