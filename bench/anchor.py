"""The raw anchor: what bare nats-py + JetStream does on this machine, in the same run."""

from __future__ import annotations

import asyncio
import time

import nats
from nats.js.api import AckPolicy, ConsumerConfig, StorageType, StreamConfig


async def raw_jetstream_anchor(nats_url: str, messages: int, envelope_bytes: int, replicas: int = 1) -> dict:
    nc = await nats.connect(nats_url.split(","))
    js = nc.jetstream()
    await js.add_stream(StreamConfig(name="BENCH_ANCHOR", subjects=["bench.anchor"],
                                     storage=StorageType.FILE, num_replicas=replicas))
    payload = b"x" * envelope_bytes
    started = time.perf_counter()
    futures = [await js.publish_async("bench.anchor", payload, headers={"Nats-Msg-Id": str(i)})
               for i in range(messages)]
    await asyncio.gather(*futures)
    published = time.perf_counter()

    await js.add_consumer("BENCH_ANCHOR", ConsumerConfig(durable_name="anchor",
                                                         ack_policy=AckPolicy.EXPLICIT))
    subscription = await js.pull_subscribe_bind("anchor", "BENCH_ANCHOR")
    received = 0
    consume_started = time.perf_counter()
    while received < messages:
        batch = await subscription.fetch(batch=100, timeout=5)
        for message in batch:
            await message.ack()
        received += len(batch)
    consumed = time.perf_counter()
    await js.delete_stream("BENCH_ANCHOR")
    await nc.close()
    return {"messages": messages, "bytes": envelope_bytes,
            "publish_per_s": round(messages / (published - started), 1),
            "consume_ack_per_s": round(messages / (consumed - consume_started), 1)}
