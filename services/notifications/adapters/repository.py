"""Notifications repositories, inside one unit of work."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from services.notifications.adapters.claims import claim
from services.notifications.adapters.tables import (
    ens_gestor_poligons,
    ens_gestors,
    notificacions,
    poligons,
)
from services.notifications.domain.model import Notificacio
from shared.persistence.paging import page
from shared.persistence.upsert import insert_new, upsert

# Mail waiting to go out (the other channels are delivered elsewhere or at once).
DUE_MAIL = (notificacions.c.estat == "pendent", notificacions.c.canal == "email")


class DirectoryRepository:
    """What this service knows of estates and their management bodies (from census events)."""

    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection
        # Lookups remembered for the transaction: a batch of events about one estate asks once.
        self._names: dict[str, str | None] = {}
        self._bodies: dict[str, list[tuple[str, str]]] = {}

    async def save_poligon(self, poligon_id: str, nom: str) -> None:
        await upsert(self._connection, poligons, {"poligon_id": poligon_id, "nom": nom},
                     keys=["poligon_id"])
        self._names[poligon_id] = nom

    async def poligon_nom(self, poligon_id: str) -> str | None:
        if poligon_id not in self._names:
            row = (await self._connection.execute(
                select(poligons.c.nom).where(poligons.c.poligon_id == poligon_id))).first()
            self._names[poligon_id] = row.nom if row else None
        return self._names[poligon_id]

    async def save_ens_gestor(self, ens_gestor_id: str, nom: str, email: str,
                              estates: list[str]) -> None:
        await upsert(self._connection, ens_gestors,
                     {"ens_gestor_id": ens_gestor_id, "nom": nom, "email": email},
                     keys=["ens_gestor_id"])
        await self._connection.execute(
            delete(ens_gestor_poligons).where(ens_gestor_poligons.c.ens_gestor_id == ens_gestor_id))
        await self._connection.execute(insert(ens_gestor_poligons), [
            {"ens_gestor_id": ens_gestor_id, "poligon_id": p} for p in estates])
        self._bodies.clear()

    async def ens_gestors_of(self, poligon_id: str) -> list[tuple[str, str]]:
        if poligon_id not in self._bodies:
            self._bodies[poligon_id] = await self._load_ens_gestors(poligon_id)
        return self._bodies[poligon_id]

    async def _load_ens_gestors(self, poligon_id: str) -> list[tuple[str, str]]:
        rows = await self._connection.execute(
            select(ens_gestors.c.nom, ens_gestors.c.email)
            .join(ens_gestor_poligons, ens_gestor_poligons.c.ens_gestor_id == ens_gestors.c.ens_gestor_id)
            .where(ens_gestor_poligons.c.poligon_id == poligon_id)
            .order_by(ens_gestors.c.nom))
        return [(row.nom, row.email) for row in rows]


class NotificacioRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection
        self.added = 0

    async def add(self, notificacio: Notificacio) -> bool:
        """Store a notification; False if that recipient already has it on that channel."""
        values = dict(notificacio.__dict__, notificacio_id=str(notificacio.notificacio_id),
                      causa=str(notificacio.causa), intents=0, enviada_el=notificacio.enviada_el)
        inserted = await insert_new(self._connection, notificacions, values,
                                    keys=["destinatari", "causa", "canal"])
        self.added += inserted and notificacio.estat == "pendent"
        return inserted

    async def claim_due(self, now: datetime, lease_until: datetime | None, limit: int) -> list[dict]:
        """Claim the mails due now, oldest first, until ``lease_until`` (see ``claims``)."""
        rows = await claim(self._connection, notificacions, notificacions.c.notificacio_id,
                           notificacions.c.proper_intent_el, DUE_MAIL,
                           (notificacions.c.creada_el, notificacions.c.notificacio_id), now, lease_until, limit)
        return sorted(rows, key=lambda row: (row["creada_el"], row["notificacio_id"]))

    async def mark_sent(self, notificacio_ids: list[str], now: datetime) -> None:
        await self._connection.execute(
            update(notificacions).where(notificacions.c.notificacio_id.in_(notificacio_ids))
            .values(estat="enviada", enviada_el=now, intents=notificacions.c.intents + 1,
                    darrer_error=None))

    async def mark_failed_attempt(self, notificacio_id: str, error: str, retry_at: datetime,
                                  permanent: bool) -> None:
        await self._connection.execute(
            update(notificacions).where(notificacions.c.notificacio_id == notificacio_id)
            .values(estat="fallida" if permanent else "pendent", darrer_error=error[:1000],
                    intents=notificacions.c.intents + 1, proper_intent_el=retry_at))

    async def settle(self, notificacio_id: str, estat: str, now: datetime, error: str | None = None) -> dict | None:
        """Give a pending notification its outcome; the row if this changed it, None if it had one."""
        changed = await self._connection.execute(
            update(notificacions).where(notificacions.c.notificacio_id == notificacio_id,
                                        notificacions.c.estat == "pendent")
            .values(estat=estat, darrer_error=error and error[:1000],
                    **({"enviada_el": now} if estat == "enviada" else {})))
        if not changed.rowcount:
            return None
        row = (await self._connection.execute(
            select(notificacions).where(notificacions.c.notificacio_id == notificacio_id))).first()
        return dict(row._mapping) if row else None

    async def forget_bodies(self, before: datetime, limit: int) -> int:
        """Blank the bodies (and event data) of up to ``limit`` notifications settled before a
        moment; the delivery log keeps who, what kind, when and the outcome. How many."""
        old = select(notificacions.c.notificacio_id).where(
            notificacions.c.creada_el < before, notificacions.c.cos_text != "",
            notificacions.c.estat.in_(("enviada", "agrupada", "fallida"))).limit(limit)
        ids = (await self._connection.execute(old)).scalars().all()
        if ids:
            await self._connection.execute(update(notificacions).where(
                notificacions.c.notificacio_id.in_(ids)).values(cos_text="", cos_html="", dades=None))
        return len(ids)

    async def search(self, filters: dict[str, Any], offset: int, limit: int) -> tuple[list[dict], int]:
        """Newest first; ``filters``: destinatari, canal, tipus, estat, llegida (each optional)."""
        conditions = [notificacions.c[name] == value for name, value in filters.items()
                      if name != "llegida" and value is not None]
        if filters.get("llegida") is not None:
            read = notificacions.c.llegida_el
            conditions.append(read.is_not(None) if filters["llegida"] else read.is_(None))
        rows, total = await page(self._connection, notificacions, conditions,
                                 [notificacions.c.creada_el.desc(), notificacions.c.notificacio_id], offset, limit)
        return [dict(row._mapping) for row in rows], total

    async def mark_read(self, notificacio_id: str, destinatari: str, now: datetime) -> dict | None:
        """Mark a notification of the portal's feed read (once: the first time stays); None if the
        recipient has no such notification there."""
        mine = (notificacions.c.notificacio_id == notificacio_id, notificacions.c.destinatari == destinatari,
                notificacions.c.canal == "app")
        await self._connection.execute(update(notificacions).where(
            *mine, notificacions.c.llegida_el.is_(None)).values(llegida_el=now))
        row = (await self._connection.execute(select(notificacions).where(*mine))).first()
        return dict(row._mapping) if row else None

    # -- digests ------------------------------------------------------------------------
    async def digests_due(self, now: datetime) -> list[str]:
        """Recipients with mail held for a digest whose moment has come."""
        rows = await self._connection.execute(
            select(notificacions.c.destinatari).distinct()
            .where(notificacions.c.estat == "en_resum", notificacions.c.proper_intent_el <= now))
        return sorted(row.destinatari for row in rows)

    async def take_held(self, destinatari: str, now: datetime) -> list[dict]:
        """The recipient's held mail that is due, in the order it happened, taken for a digest.

        Taken by an UPDATE that only moves rows still held: a replica doing the same at the
        same moment waits for this transaction and then finds them gone.
        """
        held = (notificacions.c.destinatari == destinatari, notificacions.c.estat == "en_resum",
                notificacions.c.proper_intent_el <= now)
        taken = (await self._connection.execute(update(notificacions).where(*held).values(
            estat="agrupada", enviada_el=now).returning(notificacions.c.notificacio_id))).scalars().all()
        if not taken:
            return []
        rows = await self._connection.execute(select(notificacions).where(
            notificacions.c.notificacio_id.in_(taken)).order_by(notificacions.c.creada_el,
                                                               notificacions.c.notificacio_id))
        return [dict(row._mapping) for row in rows]

    async def grouped_in(self, notificacio_ids: list[str], resum_id: str) -> None:
        await self._connection.execute(update(notificacions).where(
            notificacions.c.notificacio_id.in_(notificacio_ids)).values(resum_id=resum_id))
