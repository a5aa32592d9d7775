from __future__ import annotations

import asyncio

from sqlalchemy.ext.asyncio import AsyncConnection

from services.notifications.adapters.erasure_repository import ErasureRepository
from services.notifications.adapters.location_directory import LocationDirectory
from services.notifications.adapters.mail_pace import MailPace
from services.notifications.adapters.preference_repository import PreferenceRepository
from services.notifications.adapters.recipient_repository import RecipientRepository
from services.notifications.adapters.repository import DirectoryRepository, NotificacioRepository
from services.notifications.adapters.secret_box import SecretBox
from services.notifications.adapters.webhook_repository import WebhookRepository
from shared.persistence.database import Database
from shared.persistence.unit_of_work import UnitOfWork


class NotificationsUnitOfWork(UnitOfWork):
    directory: DirectoryRepository
    location: LocationDirectory
    notificacions: NotificacioRepository
    preferencies: PreferenceRepository
    destinataris: RecipientRepository
    webhooks: WebhookRepository
    ritme: MailPace
    supressions: ErasureRepository

    def __init__(self, database: Database, secrets: SecretBox, pending_signal: asyncio.Event | None = None,
                 readonly: bool = False, webhook_signal: asyncio.Event | None = None) -> None:
        super().__init__(database, readonly)
        self._secrets = secrets
        # Set after a commit that stored mail (or webhook deliveries), so its dispatcher wakes at once.
        self._pending_signal = pending_signal
        self._webhook_signal = webhook_signal

    async def commit(self) -> None:
        await super().commit()
        if self._pending_signal is not None and self.notificacions.added:
            self._pending_signal.set()
        if self._webhook_signal is not None and self.webhooks.deliveries_added:
            self._webhook_signal.set()

    def _open(self, connection: AsyncConnection) -> None:
        self.directory = DirectoryRepository(connection)
        self.location = LocationDirectory(connection)
        self.notificacions = NotificacioRepository(connection)
        self.preferencies = PreferenceRepository(connection)
        self.destinataris = RecipientRepository(connection)
        self.webhooks = WebhookRepository(connection, self._secrets)
        self.ritme = MailPace(connection)
        self.supressions = ErasureRepository(connection)
