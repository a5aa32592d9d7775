"""End-to-end benchmark: companies registered over HTTP until their NotificacioEnviada.

    python -m bench.e2e [--companies 5000] [--concurrency 32] [--rate 100] [--seconds 10]

Starts its own district (embedded nats-server, census, notifications, portal on SQLite, or
PostgreSQL with --postgres URL) and a real SMTP sink, then measures:
1. throughput: N registrations with C in flight; time from the first request to the last
   NotificacioEnviada;
2. latency at a fixed offered load (open loop, --rate per second for --seconds): from sending
   the request to receiving its NotificacioEnviada (matched by correlation id);
3. each stage alone (census over RPC without the portal; notifications fed straight from
   the stream), to show which one limits the end-to-end figure;
4. the raw anchor in the same run: nats-py JetStream pipelined publish, then pull consume + ack,
   of N envelopes of the same size;
5. matching (bench.matching) and notifications (bench.notifications: fan-out, queued mails with
   and without connection reuse, digests) on the services' own code and databases;
6. the bulk import of companies and the directory over them (bench.census_import), then the
   portal's pages with 20,000 offers published on top (bench.pages).
The last line is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import tempfile
import time
import uuid
from pathlib import Path

import nats
import orjson

from bench.anchor import raw_jetstream_anchor
from bench.census_import import import_benchmark
from bench.cpu import CpuMeter
from bench.harness import BenchDistrict
from bench.http_client import Connection
from bench.leads import lead_latency
from bench.load import open_loop, percentiles_ms
from bench.matching import matching_benchmark
from bench.notifications import notifications_benchmark
from bench.pages import pages_benchmark
from bench.stages import census_alone, notifications_alone
from tests.support.identifiers import valid_cif

BELLOTS = "junta@bellots.example"
SENT_SUBJECT = "districte.notifications.NotificacioEnviada.v1"


class Tracker:
    """Matches each NotificacioEnviada to the request that caused it (same correlation id)."""

    def __init__(self) -> None:
        self.sent_at: dict[str, float] = {}
        self.received_at: dict[str, float] = {}
        self.all_received = asyncio.Event()
        self.expected = 0

    async def on_message(self, message) -> None:  # type: ignore[no-untyped-def]
        correlation = orjson.loads(message.data)["correlationid"]
        self.received_at.setdefault(correlation, time.perf_counter())
        if self.expected and len(self.received_at) >= self.expected:
            self.all_received.set()

    def latencies_ms(self, keys: list[str]) -> list[float]:
        return sorted((self.received_at[k] - self.sent_at[k]) * 1000 for k in keys if k in self.received_at)


def body(n: int) -> dict:
    return {"nif": valid_cif(n), "rao_social": f"Empresa de prova {n:05d} SL", "cnae": "2511",
            "poligon_id": "els-bellots", "treballadors": n % 200}


class Clients:
    """A pool of keep-alive connections to the portal, one per request in flight."""

    def __init__(self, port: int, size: int) -> None:
        self._idle = [Connection("127.0.0.1", port) for _ in range(size)]
        self._available = asyncio.Semaphore(size)

    async def post(self, path: str, payload: dict, headers: dict[str, str]) -> tuple[int, bytes]:
        async with self._available:
            connection = self._idle.pop()
            try:
                return await connection.request("POST", path, payload, headers)
            finally:
                self._idle.append(connection)

    async def close(self) -> None:
        for connection in self._idle:
            await connection.close()


async def register(client: Clients, tracker: Tracker, token: str, n: int) -> None:
    correlation = str(uuid.uuid4())
    tracker.sent_at[correlation] = time.perf_counter()
    status, text = await client.post("/api/v1/empreses", body(n), {
        "Authorization": f"Bearer {token}", "X-Correlation-ID": correlation})
    if status != 201:
        raise RuntimeError(f"registration {n} failed: {status} {text[:300]!r}")


async def throughput(client: Clients, tracker: Tracker, token: str, companies: int,
                     concurrency: int, offset: int) -> dict:
    tracker.expected = len(tracker.received_at) + companies
    tracker.all_received.clear()
    queue: asyncio.Queue[int] = asyncio.Queue()
    for n in range(offset, offset + companies):
        queue.put_nowait(n)

    async def worker() -> None:
        while not queue.empty():
            await register(client, tracker, token, queue.get_nowait())

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    accepted = time.perf_counter()
    await asyncio.wait_for(tracker.all_received.wait(), timeout=600)
    finished = time.perf_counter()
    return {"companies": companies, "concurrency": concurrency,
            "http_accept_per_s": round(companies / (accepted - started), 1),
            "end_to_end_per_s": round(companies / (finished - started), 1),
            "seconds": round(finished - started, 2)}


async def fixed_load(client: Clients, tracker: Tracker, token: str, rate: float,
                     seconds: float, offset: int) -> dict:
    count = int(rate * seconds)
    tracker.expected = len(tracker.received_at) + count
    tracker.all_received.clear()
    before = set(tracker.sent_at)
    await open_loop(rate, count, lambda i: register(client, tracker, token, offset + i))
    await asyncio.wait_for(tracker.all_received.wait(), timeout=300)
    keys = [k for k in tracker.sent_at if k not in before]
    latencies = tracker.latencies_ms(keys)
    return {"offered_per_s": rate, "requests": count, **percentiles_ms(latencies),
            "max_ms": round(latencies[-1], 2)}


async def main(args: argparse.Namespace) -> dict:
    with tempfile.TemporaryDirectory(prefix="districte-bench-") as tmp:
        async with BenchDistrict(Path(tmp), postgres_url=args.postgres) as district:
            nc = await nats.connect(district.nats_url)
            tracker = Tracker()
            await nc.subscribe(SENT_SUBJECT, cb=tracker.on_message)
            await district.register_ens_gestor("els-bellots", BELLOTS)
            # Enough connections for the open-loop phase: a late reply must not delay a send.
            client = Clients(district.http_port, max(args.concurrency, int(args.rate)))
            # Warm-up: imports, connections, first transactions.
            await throughput(client, tracker, district.token, 200, args.concurrency, 900_000)
            cpu = CpuMeter(district.pids())
            cpu.start()
            ours = await throughput(client, tracker, district.token, args.companies,
                                    args.concurrency, 0)
            ours["cpu_ms_per_company"] = cpu.ms_per_item(args.companies)
            latency = await fixed_load(client, tracker, district.token, args.rate,
                                       args.seconds, 500_000)
            await client.close()
            leads = await lead_latency(district.nats_url, district.http_port, district.token,
                                       args.offer_rate, args.seconds)
            stage_count = max(args.companies // 2, 500)
            stages = {
                "census_rpc_per_s": await census_alone(district.nats_url, stage_count,
                                                       args.concurrency, 300_000),
                "notifications_per_s": await notifications_alone(district.nats_url, stage_count),
            }
            imported = await import_benchmark(district.portal_url, district.nats_url, district.token,
                                              args.import_companies, 2_000_000, stages["census_rpc_per_s"])
            pages = await pages_benchmark(district.portal_url, district.token, args.page_offers)
            mails = district.smtp_count()
            await nc.close()
            anchor = await raw_jetstream_anchor(district.nats_url, args.companies,
                                                envelope_bytes=district.sample_envelope_size)
        matching = await matching_benchmark(f"sqlite+aiosqlite:///{Path(tmp) / 'matching.db'}",
                                            demands=args.demands, offers=args.offers)
        notifying = await notifications_benchmark(Path(tmp))
    raw = min(anchor["publish_per_s"], anchor["consume_ack_per_s"])
    return {
        "machine": {"cpus": __import__("os").cpu_count(), "python": platform.python_version(),
                    "database": "postgresql" if args.postgres else "sqlite"},
        "throughput": ours, "latency_at_fixed_load": latency, "anchor": anchor, "stages": stages,
        "ratio_to_anchor": round(ours["end_to_end_per_s"] / raw, 4),
        "mails_received": mails,
        "matching": matching,
        "offer_to_lead_mail": leads,
        "notifications": notifying,
        "census_import": imported,
        "pages": pages,
    }


def cli() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--companies", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--rate", type=float, default=100.0)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--postgres", help="postgresql+asyncpg://... admin URL (default: SQLite)")
    parser.add_argument("--offer-rate", type=float, default=50.0,
                        help="offers/s for the offer → lead mail latency (for --seconds)")
    parser.add_argument("--demands", type=int, default=100_000, help="active demands in the matching market")
    parser.add_argument("--page-offers", type=int, default=20_000,
                        help="offers published before the pages are timed (with the import's companies)")
    parser.add_argument("--offers", type=int, default=20_000, help="available offers in the matching market")
    parser.add_argument("--import-companies", type=int, default=50_000, help="companies in the imported CSV")
    args = parser.parse_args()
    figures = asyncio.run(main(args))
    t, lat, a = figures["throughput"], figures["latency_at_fixed_load"], figures["anchor"]
    print(f"companies end to end: {t['end_to_end_per_s']}/s ({t['companies']} in {t['seconds']} s, "
          f"HTTP accepted {t['http_accept_per_s']}/s, concurrency {t['concurrency']})")
    print(f"register→notification at {lat['offered_per_s']}/s: p50 {lat['p50_ms']} ms, "
          f"p99 {lat['p99_ms']} ms, max {lat['max_ms']} ms")
    cpu = ", ".join(f"{name} {ms}" for name, ms in t["cpu_ms_per_company"].items())
    print(f"CPU ms per company: {cpu} (total {round(sum(t['cpu_ms_per_company'].values()), 2)})")
    st = figures["stages"]
    print(f"stages alone: census (RPC, no portal) {st['census_rpc_per_s']}/s, "
          f"notifications (events published straight to the stream) {st['notifications_per_s']}/s")
    print(f"raw JetStream anchor: publish {a['publish_per_s']}/s, consume+ack {a['consume_ack_per_s']}/s; "
          f"ratio ours/anchor {figures['ratio_to_anchor']}")
    lm = figures["offer_to_lead_mail"]
    print(f"offer published → the company's lead mail sent at {lm['offered_per_s']} offers/s: "
          f"p50 {lm['p50_ms']} ms, p99 {lm['p99_ms']} ms")
    m = figures["matching"]
    for key, what in (("offer_vs_demands", "one new offer against every demand"),
                      ("demand_vs_offers", "one new demand against every offer")):
        print(f"matching {what} ({m['demands']:,} demands, {m['offers']:,} offers): p50 {m[key]['p50_ms']} ms, "
              f"p99 {m[key]['p99_ms']} ms; matches p50 {m[key]['matches_p50']}, p99 {m[key]['matches_p99']}")
    print(f"matching use cases with leads written: offer p50 {m['offer_use_case_with_writes']['p50_ms']} ms "
          f"p99 {m['offer_use_case_with_writes']['p99_ms']} ms; demand p50 "
          f"{m['demand_use_case_with_writes']['p50_ms']} ms p99 {m['demand_use_case_with_writes']['p99_ms']} ms")
    print(f"straightforward loop over every demand: p50 {m['naive_offer_vs_demands']['p50_ms']} ms; "
          f"speed-up {m['speedup_vs_naive']}x")
    print(f"full re-match: {m['full_rematch_s']} s ({m['full_rematch_pairs']:,} pairs; "
          f"straightforward, estimated: {m['naive_full_rematch_s_estimated']:,.0f} s)")
    n = figures["notifications"]
    print(f"notifications fan-out: one event to {n['fan_out']['recipients']:,} recipients (mail + portal feed) in "
          f"{n['fan_out']['seconds']} s = {n['fan_out']['recipients_per_s']}/s")
    print(f"{n['mails']['count']:,} queued mails through a local SMTP server: {n['mails']['reused_connections_per_s']}/s "
          f"with reused connections, {n['mails']['one_connection_per_mail_per_s']}/s with one connection per mail; "
          f"ratio {n['mails']['ratio']}")
    print(f"digests: {n['digests']['recipients']:,} recipients x {n['digests']['items_each']} items in "
          f"{n['digests']['seconds']} s = {n['digests']['digests_per_s']} digests/s")
    ci = figures["census_import"]
    print(f"census import of {ci['companies']:,} companies (CSV upload to committed and published): "
          f"{ci['committed_and_published_s']} s = {ci['rows_per_s']}/s (committed after {ci['committed_s']} s); "
          f"per-row path {ci['per_row_path_per_s']}/s; ratio {ci['ratio_to_per_row']}")
    d = ci["directory"]
    print(f"directory search over {ci['companies']:,}+ companies (HTTP, one at a time): p50 {d['p50_ms']} ms, "
          f"p99 {d['p99_ms']} ms")
    pages = figures["pages"]
    print(f"portal pages over those companies and {pages['offers']:,} offers (published at "
          f"{pages['offers_published_per_s']}/s), p50/p99 ms: " + ", ".join(
              f"{name} {pages[name]['p50_ms']}/{pages[name]['p99_ms']}" for name in (
                  "home", "estate_sheet", "directory_search", "premises_search", "api_estate",
                  "api_directory_search", "api_premises_search", "snapshot_estates", "snapshot_indicators")))
    print(json.dumps(figures, sort_keys=True))


if __name__ == "__main__":
    cli()
