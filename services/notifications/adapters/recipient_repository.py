"""The people with a portal account who receive notifications, inside one unit of work."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncConnection

from services.notifications.adapters.tables import destinataris
from shared.contracts.notifications_api import RolDestinatari
from shared.persistence.upsert import upsert

_STAFF = (select(destinataris.c.nom, destinataris.c.destinatari)
          .where(destinataris.c.rol == "personal_tecnic").order_by(destinataris.c.destinatari))


class RecipientRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection

    async def register(self, destinatari: str, nom: str, rol: RolDestinatari, now: datetime) -> None:
        """Known from now on; registering again renames, keeping the first date."""
        await upsert(self._connection, destinataris,
                     {"destinatari": destinatari, "nom": nom, "rol": rol, "registrat_el": now},
                     keys=["destinatari"], keep=["registrat_el"])

    async def remove(self, destinatari: str) -> RolDestinatari | None:
        """Forget an account's address; the role it had, if it was known."""
        row = (await self._connection.execute(
            delete(destinataris).where(destinataris.c.destinatari == destinatari).returning(destinataris.c.rol))).first()
        return row.rol if row else None

    async def staff(self) -> list[tuple[str, str]]:
        """(name, address) of every member of staff with an account."""
        return [(row.nom, row.destinatari) for row in await self._connection.execute(_STAFF)]
