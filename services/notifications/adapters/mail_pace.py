"""How many immediate mails each recipient got in each clock hour: the per-destination limit.

One row per (recipient, hour), read once per transaction and incremented per mail, so checking
the limit costs the same whatever a recipient's history (counting their past mails would grow
with it).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from services.notifications.adapters.tables import ritme_correu

# Built once: every immediate mail reads and counts (statements compiled once, values apart).
_SENT = select(ritme_correu.c.enviats).where(ritme_correu.c.destinatari == bindparam("destinatari"),
                                             ritme_correu.c.hora == bindparam("hora"))


def _increment(dialect):  # type: ignore[no-untyped-def]
    statement = dialect.insert(ritme_correu)
    return statement.on_conflict_do_update(index_elements=["destinatari", "hora"],
                                           set_={"enviats": ritme_correu.c.enviats + statement.excluded.enviats})


_INCREMENT = {"postgresql": _increment(postgresql), "sqlite": _increment(sqlite)}


class MailPace:
    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection
        self._counts: dict[tuple[str, datetime], int] = {}

    async def sent_in(self, destinatari: str, hora: datetime) -> int:
        key = (destinatari, hora)
        if key not in self._counts:
            row = (await self._connection.execute(_SENT, {"destinatari": destinatari, "hora": hora})).first()
            self._counts[key] = row.enviats if row else 0
        return self._counts[key]

    async def count(self, destinatari: str, hora: datetime) -> None:
        """One more immediate mail to ``destinatari`` in hour ``hora``."""
        before = await self.sent_in(destinatari, hora)
        await self._connection.execute(_INCREMENT[self._connection.dialect.name],
                                       {"destinatari": destinatari, "hora": hora, "enviats": 1})
        self._counts[(destinatari, hora)] = before + 1

    async def forget_before(self, hora: datetime) -> None:
        await self._connection.execute(delete(ritme_correu).where(ritme_correu.c.hora < hora))
