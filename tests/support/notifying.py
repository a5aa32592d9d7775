"""A notifier and units of work as the notifications service builds them, with test secrets."""

from __future__ import annotations

from functools import partial

from services.notifications.adapters.secret_box import SecretBox
from services.notifications.adapters.templates import Renderer
from services.notifications.adapters.unsubscribe import UnsubscribeSigner
from services.notifications.service_layer.notify import Notifier
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from shared.persistence.database import Database

SECRET = "a-test-secret-that-is-long-enough-0123456789"
PUBLIC_URL = "https://districte.example"
SECRETS = SecretBox([SECRET])


def new_notifier(signer: UnsubscribeSigner | None = None, **options: int) -> Notifier:
    return Notifier(Renderer(), signer or UnsubscribeSigner(SECRET), PUBLIC_URL, **options)


def unit_of_work_factory(database: Database) -> partial[NotificationsUnitOfWork]:
    return partial(NotificationsUnitOfWork, database, SECRETS)
