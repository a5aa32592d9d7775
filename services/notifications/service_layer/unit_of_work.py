from __future__ import annotations

import asyncio

from sqlalchemy.ext.asyncio import AsyncConnection

from services.notifications.adapters.location_directory import LocationDirectory
from services.notifications.adapters.preference_repository import PreferenceRepository
from services.notifications.adapters.repository import DirectoryRepository, NotificacioRepository
from shared.persistence.database import Database
from shared.persistence.unit_of_work import UnitOfWork


class NotificationsUnitOfWork(UnitOfWork):
    directory: DirectoryRepository
    location: LocationDirectory
    notificacions: NotificacioRepository
    preferencies: PreferenceRepository

    def __init__(self, database: Database, pending_signal: asyncio.Event | None = None,
                 readonly: bool = False) -> None:
        super().__init__(database, readonly)
        # Set after a commit that stored notifications, so the dispatcher wakes at once.
        self._pending_signal = pending_signal

    async def commit(self) -> None:
        await super().commit()
        if self._pending_signal is not None and self.notificacions.added:
            self._pending_signal.set()

    def _open(self, connection: AsyncConnection) -> None:
        self.directory = DirectoryRepository(connection)
        self.location = LocationDirectory(connection)
        self.notificacions = NotificacioRepository(connection)
        self.preferencies = PreferenceRepository(connection)
