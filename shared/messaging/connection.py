"""How a process connects to NATS: its identity (NKey), TLS, and its own inbox prefix.

Services connect through FastStream's broker, ``districte provision`` and the tools through
nats-py directly; both read the same settings here.
"""

from __future__ import annotations

import ssl
from typing import Any

from faststream.nats.security import NatsNKey, NatsSecurity

from shared.messaging.bus_access import inbox_prefix
from shared.settings import ServiceSettings


def servers(settings: ServiceSettings) -> list[str]:
    """Every server given (a cluster's nodes): the client moves to another when one goes."""
    return [url.strip() for url in settings.nats_url.split(",")]


def tls_context(settings: ServiceSettings) -> ssl.SSLContext | None:
    """Verify the servers against the configured CA (and present a client certificate if given)."""
    if settings.nats_tls_ca is None and settings.nats_tls_cert is None:
        return None
    context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=settings.nats_tls_ca)
    if settings.nats_tls_cert is not None and settings.nats_tls_key is not None:
        context.load_cert_chain(settings.nats_tls_cert, settings.nats_tls_key)
    return context


def broker_security(settings: ServiceSettings) -> NatsSecurity | None:
    context = tls_context(settings)
    if settings.nats_nkey_seed is not None:
        return NatsNKey.from_seed(settings.nats_nkey_seed.get_secret_value(), ssl_context=context)
    return NatsSecurity(ssl_context=context) if context is not None else None


def connect_options(settings: ServiceSettings, identity: str) -> dict[str, Any]:
    """Keyword arguments of ``nats.connect`` for this identity."""
    options: dict[str, Any] = {"servers": servers(settings),
                               "inbox_prefix": inbox_prefix(identity), "name": f"districte-{identity}"}
    if settings.nats_nkey_seed is not None:
        options["nkeys_seed_str"] = settings.nats_nkey_seed.get_secret_value()
    context = tls_context(settings)
    if context is not None:
        options["tls"] = context
    return options
