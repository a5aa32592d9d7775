"""Webhooks: addresses where a recipient's notifications are POSTed as CloudEvents, signed the
Standard Webhooks way (https://www.standardwebhooks.com/) so any of its libraries verifies them.

Signed content: ``<webhook-id>.<webhook-timestamp>.<body>``, HMAC-SHA256 with the webhook's
secret (``whsec_`` + base64 of 32 random bytes); header ``webhook-signature: v1,<base64>``.
The timestamp lets a receiver refuse replays (the documented example allows five minutes).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import secrets
from datetime import timedelta
from urllib.parse import urlsplit

SECRET_PREFIX = "whsec_"
MAX_URL_LENGTH = 2000
# A delivery is retried after 30 s, 1 min, 2 min, ... at most an hour apart, and given up
# after this many attempts; a webhook failing this many times in a row is disabled.
RETRY_BASE_S = 30.0
RETRY_CAP_S = 3600.0
MAX_ATTEMPTS = 12


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def signature(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    key = base64.b64decode(secret.removeprefix(SECRET_PREFIX))
    signed = f"{message_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


def retry_delay(attempts: int, base_s: float = RETRY_BASE_S) -> timedelta:
    """The wait before the next attempt, after ``attempts`` failed ones: doubling, capped."""
    return timedelta(seconds=min(base_s * 2 ** max(attempts - 1, 0), RETRY_CAP_S))


def url_problem(url: str) -> str | None:
    """Why ``url`` cannot be a webhook (in Catalan), judged on its text alone; None if it can."""
    if len(url) > MAX_URL_LENGTH:
        return f"l'adreça és massa llarga (màxim {MAX_URL_LENGTH} caràcters)"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return "cal una adreça http:// o https://"
    if not parts.hostname:
        return "a l'adreça hi falta el servidor"
    if parts.username or parts.password:
        return "l'adreça no pot portar usuari ni contrasenya; el secret del webhook ja autentica"
    try:
        parts.port  # noqa: B018 - raises on a port out of range
    except ValueError:
        return "el port de l'adreça no és vàlid"
    return None


def is_public(address: str) -> bool:
    """Whether an IP address is on the public internet (not loopback, private, link-local...)."""
    ip = ipaddress.ip_address(address)
    return ip.is_global and not ip.is_multicast


PRIVATE_TARGET = ("l'adreça apunta a una xarxa privada o local; per seguretat no s'hi envien avisos "
                  "(la configuració ho pot permetre: DISTRICTE_WEBHOOKS_ALLOW_PRIVATE)")
