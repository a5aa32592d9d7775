"""``districte provision``: declare the district's streams and every service's consumers.

The one-shot step before a new version starts (a compose service, a Kubernetes Job), run
with the provisioning identity; the services' own identities may not declare anything.
Idempotent: it reconciles what exists (a consumer's limits, a stream's replicas).
"""

from __future__ import annotations

import asyncio
import time

import nats
from nats.aio.client import Client

from districte.nats_config import PROVISIONER, service_accesses
from shared.messaging.connection import connect_options
from shared.messaging.provisioning import declare_consumers, declare_streams, patiently, tuned
from shared.settings import ServiceSettings


async def connect(settings: ServiceSettings, timeout_s: float) -> Client:
    """NATS may still be starting (compose and Kubernetes start everything at once)."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            return await nats.connect(**connect_options(settings, PROVISIONER), connect_timeout=2,
                                      allow_reconnect=False)
        except (OSError, nats.errors.Error) as exc:
            if time.monotonic() > deadline:
                raise ConnectionError(f"NATS no respon a {settings.nats_url}: {exc}") from exc
            await asyncio.sleep(1.0)


async def provision(settings: ServiceSettings, timeout_s: float = 60.0) -> list[str]:
    """Declare everything; the names of the consumers declared."""
    connection = await connect(settings, timeout_s)
    try:
        js = connection.jetstream()
        never = asyncio.Event()
        await patiently(lambda: declare_streams(js, settings.nats_stream_replicas), never, "streams")
        specs = []
        for access in service_accesses():
            # Operators' redelivery settings apply to the services' consumers (as when they declare them).
            specs += [tuned(spec, settings) for spec in access.consumers]
            exhausted = access.exhausted_consumer()
            if exhausted is not None:
                specs.append(exhausted)
        await patiently(lambda: declare_consumers(js, specs), never, "consumers")
        return [spec.durable for spec in specs]
    finally:
        await connection.close()
