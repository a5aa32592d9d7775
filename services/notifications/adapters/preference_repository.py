"""Recipients' stored preferences, inside one unit of work."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncConnection

from services.notifications.adapters.tables import preferencies
from shared.contracts.notifications_api import Preferencies, RolDestinatari
from shared.persistence.upsert import upsert

# Built once: every notification reads its recipient's preferences.
_STORED = select(preferencies.c.rol, preferencies.c.dades).where(preferencies.c.destinatari == bindparam("destinatari"))


class PreferenceRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection
        # Remembered for the transaction: a batch of events for one recipient reads them once.
        self._known: dict[str, tuple[RolDestinatari, Preferencies] | None] = {}

    async def get(self, destinatari: str) -> Preferencies | None:
        """The recipient's choice, or None if they never made one."""
        stored = await self.get_with_role(destinatari)
        return stored[1] if stored else None

    async def get_with_role(self, destinatari: str) -> tuple[RolDestinatari, Preferencies] | None:
        if destinatari not in self._known:
            row = (await self._connection.execute(_STORED, {"destinatari": destinatari})).first()
            self._known[destinatari] = (row.rol, Preferencies.model_validate(row.dades)) if row else None
        return self._known[destinatari]

    async def save(self, destinatari: str, rol: RolDestinatari, chosen: Preferencies, now: datetime) -> None:
        await upsert(self._connection, preferencies,
                     {"destinatari": destinatari, "rol": rol, "dades": chosen.model_dump(mode="json"),
                      "actualitzades_el": now}, keys=["destinatari"])
        self._known[destinatari] = (rol, chosen)
