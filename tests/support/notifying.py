"""A notifier as the notifications service builds it, with a test secret."""

from __future__ import annotations

from services.notifications.adapters.templates import Renderer
from services.notifications.adapters.unsubscribe import UnsubscribeSigner
from services.notifications.service_layer.notify import Notifier

SECRET = "a-test-secret-that-is-long-enough-0123456789"
PUBLIC_URL = "https://districte.example"


def new_notifier(signer: UnsubscribeSigner | None = None, **options: int) -> Notifier:
    return Notifier(Renderer(), signer or UnsubscribeSigner(SECRET), PUBLIC_URL, **options)
