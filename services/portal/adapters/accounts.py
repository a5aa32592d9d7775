"""Accounts, sessions and failed sign-ins at rest (sessions by the digest of their cookie only)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from services.portal.adapters.tables import intents_entrada, sessions, usuaris
from services.portal.domain.access import Rol
from services.portal.domain.accounts import EstatCompte, Usuari
from shared.persistence.timestamps import as_utc


def _usuari(row: Any) -> Usuari:
    return Usuari(usuari_id=row.usuari_id, email=row.email, nom=row.nom, rol=Rol(row.rol), idioma=row.idioma,
                  estat=EstatCompte(row.estat), credencials_el=as_utc(row.credencials_el),
                  poligons=tuple(row.poligons or ()), nif=row.nif, contrasenya_hash=row.contrasenya_hash,
                  convidat_per=row.convidat_per, creat_el=as_utc(row.creat_el),
                  darrera_entrada_el=as_utc(row.darrera_entrada_el))


class AccountRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection

    async def add(self, usuari: Usuari) -> None:
        await self._connection.execute(insert(usuaris).values(
            usuari_id=usuari.usuari_id, email=usuari.email, nom=usuari.nom, rol=usuari.rol.value,
            poligons=list(usuari.poligons), nif=usuari.nif, idioma=usuari.idioma, estat=usuari.estat.value,
            contrasenya_hash=usuari.contrasenya_hash, credencials_el=usuari.credencials_el,
            convidat_per=usuari.convidat_per, creat_el=usuari.creat_el))

    async def by_email(self, email: str) -> Usuari | None:
        row = (await self._connection.execute(select(usuaris).where(usuaris.c.email == email.lower()))).first()
        return _usuari(row) if row else None

    async def by_id(self, usuari_id: str) -> Usuari | None:
        row = (await self._connection.execute(select(usuaris).where(usuaris.c.usuari_id == usuari_id))).first()
        return _usuari(row) if row else None

    async def all(self) -> list[Usuari]:
        rows = await self._connection.execute(select(usuaris).order_by(usuaris.c.nom, usuaris.c.email))
        return [_usuari(row) for row in rows]

    async def change(self, usuari_id: str, **values: Any) -> None:
        await self._connection.execute(update(usuaris).where(usuaris.c.usuari_id == usuari_id).values(**values))


class SessionRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection

    async def add(self, digest: str, usuari_id: str, now: datetime, caduca_el: datetime) -> None:
        await self._connection.execute(insert(sessions).values(
            sessio_hash=digest, usuari_id=usuari_id, creada_el=now, caduca_el=caduca_el))

    async def holder(self, digest: str, now: datetime) -> Usuari | None:
        """The active account a live session belongs to."""
        row = (await self._connection.execute(
            select(usuaris).join(sessions, sessions.c.usuari_id == usuaris.c.usuari_id)
            .where(sessions.c.sessio_hash == digest, sessions.c.caduca_el > now,
                   usuaris.c.estat == EstatCompte.ACTIU.value))).first()
        return _usuari(row) if row else None

    async def end(self, digest: str) -> None:
        await self._connection.execute(delete(sessions).where(sessions.c.sessio_hash == digest))

    async def end_all(self, usuari_id: str) -> None:
        await self._connection.execute(delete(sessions).where(sessions.c.usuari_id == usuari_id))

    async def purge(self, now: datetime) -> None:
        await self._connection.execute(delete(sessions).where(sessions.c.caduca_el <= now))


class AttemptRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection

    async def record(self, keys: list[str], now: datetime) -> None:
        await self._connection.execute(insert(intents_entrada), [{"clau": key, "moment": now} for key in keys])

    async def most_since(self, keys: list[str], since: datetime) -> int:
        """The most failures any of ``keys`` had since ``since``."""
        counts = await self._connection.execute(
            select(func.count()).select_from(intents_entrada)
            .where(intents_entrada.c.clau.in_(keys), intents_entrada.c.moment > since)
            .group_by(intents_entrada.c.clau))
        return max((count for (count,) in counts), default=0)

    async def forget(self, key: str) -> None:
        await self._connection.execute(delete(intents_entrada).where(intents_entrada.c.clau == key))

    async def purge(self, before: datetime) -> None:
        await self._connection.execute(delete(intents_entrada).where(intents_entrada.c.moment <= before))
