"""Webhook secrets at rest: sealed with the service's key, so that a copy of the database (a
backup, a replica, a dump for support) is not enough to forge a delivery.

Fernet (AES-128-CBC with HMAC-SHA256) from ``cryptography``; each configured key is stretched
with HKDF, so any long random string serves. Several keys rotate: the first seals, every one opens.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from services.notifications.domain.webhooks import SECRET_PREFIX


class SecretUnreadable(Exception):
    """Sealed with a key this service no longer has."""


class SecretBox:
    def __init__(self, keys: Sequence[str]) -> None:
        if not keys:
            raise ValueError("cal almenys una clau")
        self._newest = Fernet(_fernet_key(keys[0]))
        self._fernet = MultiFernet([self._newest, *(Fernet(_fernet_key(key)) for key in keys[1:])])

    def seal(self, secret: str) -> str:
        return self._fernet.encrypt(secret.encode()).decode()

    def open(self, stored: str) -> str:
        if is_clear(stored):
            return stored  # stored before secrets were sealed, until housekeeping seals it
        try:
            return self._fernet.decrypt(stored.encode()).decode()
        except InvalidToken as exc:
            raise SecretUnreadable("el secret del webhook no s'obre amb cap clau configurada") from exc

    def resealed(self, stored: str) -> str | None:
        """The value sealed with the newest key; None if it already is."""
        if is_clear(stored):
            return self.seal(stored)
        try:
            self._newest.decrypt(stored.encode())
            return None
        except InvalidToken:
            return self.seal(self.open(stored))


def is_clear(stored: str) -> bool:
    return stored.startswith(SECRET_PREFIX)


def keys_from(configured: str) -> list[str]:
    """``DISTRICTE_WEBHOOK_SECRETS_KEY``: one key, or several separated by commas (newest first)."""
    return [key.strip() for key in configured.split(",") if key.strip()]


def _fernet_key(key: str) -> bytes:
    stretched = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                     info=b"districte notifications webhook secrets").derive(key.encode())
    return base64.urlsafe_b64encode(stretched)
