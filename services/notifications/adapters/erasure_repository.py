"""Personal data notifications holds about a person who asked to be erased, inside one unit of work."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from services.notifications.adapters.tables import contactes_cens, notificacions, preferencies, ritme_correu
from shared.persistence.upsert import upsert

ERASED = "dades suprimides a petició de la persona interessada"


class ErasureRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection

    async def remember_contact(self, contacte_id: str, destinatari: str, now: datetime) -> None:
        await upsert(self._connection, contactes_cens,
                     {"contacte_id": contacte_id, "destinatari": destinatari.lower(), "registrat_el": now},
                     ("contacte_id",), keep=("registrat_el",))

    async def contact_address(self, contacte_id: str) -> str | None:
        return (await self._connection.execute(select(contactes_cens.c.destinatari).where(
            contactes_cens.c.contacte_id == contacte_id))).scalar()

    async def erase(self, contacte_id: str, destinatari: str) -> int:
        """Everything sent or due to ``destinatari``: the address and what was said go, what is still
        due is never sent; the log keeps that a notification of a kind existed, and when. How many."""
        pseudonym = f"suprimit:{contacte_id}"
        await self._connection.execute(update(notificacions).where(
            notificacions.c.destinatari == destinatari, notificacions.c.estat.in_(("pendent", "en_resum")))
            .values(estat="fallida", darrer_error=ERASED))
        erased = await self._connection.execute(update(notificacions).where(
            notificacions.c.destinatari == destinatari).values(
            destinatari=pseudonym, assumpte="", cos_text="", cos_html="", dades=None, enllac_baixa=None))
        await self._connection.execute(delete(preferencies).where(preferencies.c.destinatari == destinatari))
        await self._connection.execute(delete(ritme_correu).where(ritme_correu.c.destinatari == destinatari))
        await self._connection.execute(delete(contactes_cens).where(contactes_cens.c.destinatari == destinatari))
        return erased.rowcount
