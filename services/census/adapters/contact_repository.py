"""A company's contact persons, inside one unit of work."""

from __future__ import annotations

import uuid
from dataclasses import asdict

from sqlalchemy import delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from services.census.adapters.tables import contactes
from services.census.domain.contacts import Contacte
from shared.contracts.census import RevisioSollicitada
from shared.persistence.messaging_tables import outbox
from shared.persistence.timestamps import as_utc


class ContactRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection

    async def add(self, contacte: Contacte) -> None:
        await self._connection.execute(insert(contactes), _row(contacte))

    async def get(self, empresa_id: uuid.UUID, contacte_id: uuid.UUID) -> Contacte | None:
        row = (await self._connection.execute(select(contactes).where(
            contactes.c.empresa_id == str(empresa_id), contactes.c.contacte_id == str(contacte_id)))).first()
        return _contacte(row) if row else None

    async def of_company(self, empresa_id: uuid.UUID) -> list[Contacte]:
        """Its contact persons (not those erased), in the order they were added."""
        rows = await self._connection.execute(select(contactes).where(
            contactes.c.empresa_id == str(empresa_id), contactes.c.suprimit_el.is_(None))
            .order_by(contactes.c.creat_el, contactes.c.contacte_id))
        return [_contacte(row) for row in rows]

    async def save(self, contacte: Contacte) -> None:
        values = _row(contacte)
        del values["contacte_id"]
        await self._connection.execute(
            update(contactes).where(contactes.c.contacte_id == str(contacte.contacte_id)).values(**values))


    async def forget_events(self, contacte_id: uuid.UUID) -> int:
        """Drop the outbox's copies of the events that carried the person's data (the links mailed to
        them): published ones are history no one needs, an unpublished one must not reach anyone now."""
        needle = str(contacte_id).encode()
        rows = await self._connection.execute(select(outbox.c.id, outbox.c.payload).where(
            outbox.c.subject == RevisioSollicitada.event_type()))
        ids = [row.id for row in rows if needle in row.payload]
        if ids:
            await self._connection.execute(delete(outbox).where(outbox.c.id.in_(ids)))
        return len(ids)


def _row(contacte: Contacte) -> dict[str, object]:
    return asdict(contacte) | {"contacte_id": str(contacte.contacte_id), "empresa_id": str(contacte.empresa_id)}


def _contacte(row) -> Contacte:  # type: ignore[no-untyped-def]
    values = dict(row._mapping)
    return Contacte(**values | {"contacte_id": uuid.UUID(values["contacte_id"]),
                                "empresa_id": uuid.UUID(values["empresa_id"]),
                                "creat_el": as_utc(values["creat_el"]), "suprimit_el": as_utc(values["suprimit_el"])})
