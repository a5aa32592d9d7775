"""Scale-out: the census → notifications flow with 1 and 2 replicas of each service on PostgreSQL,
on one nats-server with R1 streams and on a three-node cluster with R3 streams.

    python -m bench.scale_out [--postgres URL] [--companies 2000] [--concurrency 32]

Each scenario starts its own broker and district, registers ``companies`` over HTTP (spread over
the portal replicas, as a load balancer would) and stops the clock when the SMTP server has
received every management-body mail. The raw JetStream anchor is measured on the same broker,
with the same replication, in the same run: the ratio compares across machines.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import tempfile
import time
from pathlib import Path

from bench.anchor import raw_jetstream_anchor
from bench.e2e import BELLOTS, Clients, body
from bench.harness import BenchDistrict
from districte.nats_server import NatsServer
from tests.support.nats_cluster import NatsCluster

SCENARIOS = (("1 replica, R1", 1, 1), ("2 replicas, R1", 2, 1), ("1 replica, R3", 1, 3), ("2 replicas, R3", 2, 3))
DEFAULT_POSTGRES = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"


async def scenario(postgres_url: str, replicas: int, stream_replicas: int, companies: int, concurrency: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="districte-scale-") as tmp:
        workdir = Path(tmp)
        broker = NatsCluster(workdir / "nats") if stream_replicas > 1 else NatsServer(workdir / "nats")
        async with BenchDistrict(workdir, postgres_url, nats=broker, services=("census", "notifications", "portal"),
                                 replicas=replicas, stream_replicas=stream_replicas) as district:
            await district.register_ens_gestor("els-bellots", BELLOTS)
            portals = [Clients(port, max(concurrency // replicas, 1)) for port in district.http_ports]
            await registered(district, portals, range(800_000, 800_200), concurrency)  # warm-up
            started = time.perf_counter()
            await registered(district, portals, range(companies), concurrency)
            seconds = time.perf_counter() - started
            for portal in portals:
                await portal.close()
            anchor = await raw_jetstream_anchor(district.nats_url, companies, district.sample_envelope_size,
                                                replicas=stream_replicas)
    per_s = companies / seconds
    return {"replicas": replicas, "stream_replicas": stream_replicas, "companies": companies,
            "end_to_end_per_s": round(per_s, 1), "seconds": round(seconds, 2), "anchor": anchor,
            "ratio_to_anchor": round(per_s / min(anchor["publish_per_s"], anchor["consume_ack_per_s"]), 4)}


async def registered(district: BenchDistrict, portals: list[Clients], numbers: range, concurrency: int) -> None:
    """Register every number (round robin over the portals) and wait for every mail."""
    expected = district.smtp_count() + len(numbers)
    queue = list(numbers)

    async def worker(index: int) -> None:
        portal = portals[index % len(portals)]
        while queue:
            n = queue.pop()
            status, text = await portal.post("/api/v1/empreses", body(n), {"Authorization": f"Bearer {district.token}"})
            if status != 201:
                raise RuntimeError(f"registration {n} failed: {status} {text[:300]!r}")

    await asyncio.gather(*(worker(i) for i in range(concurrency)))
    deadline = time.monotonic() + 600
    while district.smtp_count() < expected:
        if time.monotonic() > deadline:
            raise TimeoutError(f"{expected - district.smtp_count()} mails never arrived")
        await asyncio.sleep(0.05)


async def sync_interval_anchor(messages: int) -> dict:
    """One server's raw publish rate when JetStream flushes to disk on every write (our single-server
    configuration, docs/deploy.md) and when it flushes every two minutes (the NATS default)."""
    figures = {}
    for label, conf in (("default_2m", ""), ("always", "jetstream { sync_interval: always }\n")):
        with tempfile.TemporaryDirectory(prefix="districte-sync-") as tmp:
            config = Path(tmp) / "server.conf"
            config.write_text(conf)
            server = NatsServer(Path(tmp) / "store", extra_args=["-c", str(config)])
            server.start()
            try:
                figures[label] = await raw_jetstream_anchor(server.url, messages, 600)
            finally:
                server.stop()
    return figures


async def scale_out_benchmark(postgres_url: str, companies: int = 2000, concurrency: int = 32) -> dict:
    results = {}
    for label, replicas, stream_replicas in SCENARIOS:
        results[label] = await scenario(postgres_url, replicas, stream_replicas, companies, concurrency)
    base = results[SCENARIOS[0][0]]["end_to_end_per_s"]
    for figures in results.values():
        figures["vs_one_replica_r1"] = round(figures["end_to_end_per_s"] / base, 2)
    return {"cpus": os.cpu_count(), "scenarios": results, "sync_interval": await sync_interval_anchor(5000)}


def report(figures: dict) -> None:
    print(f"scale-out on {figures['cpus']} CPUs, PostgreSQL, census → notifications (companies/s until mailed):")
    for label, f in figures["scenarios"].items():
        a = f["anchor"]
        print(f"  {label}: {f['end_to_end_per_s']}/s ({f['companies']} in {f['seconds']} s; "
              f"x{f['vs_one_replica_r1']} of 1 replica R1); raw anchor publish {a['publish_per_s']}/s, "
              f"consume+ack {a['consume_ack_per_s']}/s; ratio {f['ratio_to_anchor']}")
    sync = figures["sync_interval"]
    print(f"one server's raw publish: {sync['always']['publish_per_s']}/s flushing every write (sync_interval "
          f"always), {sync['default_2m']['publish_per_s']}/s flushing every 2 min (the default)")


def cli() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgres", default=os.environ.get("DISTRICTE_TEST_POSTGRES_URL") or DEFAULT_POSTGRES)
    parser.add_argument("--companies", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args()
    figures = asyncio.run(scale_out_benchmark(args.postgres, args.companies, args.concurrency))
    report(figures)
    print(json.dumps(figures, sort_keys=True))


if __name__ == "__main__":
    cli()
