"""Census repositories: the model in and out of the database, inside one unit of work."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from services.census.adapters.tables import (
    TO_COMPARE_WHERE,
    empreses,
    ens_gestor_poligons,
    ens_gestors,
    poligons,
)
from services.census.domain.model import Empresa, EnsGestor, Poligon
from services.census.domain.names import search_key, slug
from shared.persistence.paging import page
from shared.persistence.timestamps import as_utc


class PoligonRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection
        self._ids: set[str] | None = None  # read once per transaction, however many commands

    async def add_all(self, items: list[Poligon]) -> None:
        await self._connection.execute(insert(poligons), [item.__dict__ for item in items])
        self._ids = None

    async def ids(self) -> set[str]:
        if self._ids is None:
            rows = await self._connection.execute(select(poligons.c.poligon_id))
            self._ids = {row.poligon_id for row in rows}
        return self._ids

    async def list(self) -> list[Poligon]:
        rows = await self._connection.execute(select(poligons).order_by(poligons.c.nom))
        return [_poligon(row) for row in rows]

    async def get(self, poligon_id: str) -> Poligon | None:
        row = (await self._connection.execute(
            select(poligons).where(poligons.c.poligon_id == poligon_id))).first()
        return _poligon(row) if row else None

    async def save(self, poligon: Poligon) -> None:
        await self._connection.execute(update(poligons).where(poligons.c.poligon_id == poligon.poligon_id).values(
            nom=poligon.nom, estat=poligon.estat, superficie_m2=poligon.superficie_m2, fitxa=poligon.fitxa))

    async def company_count(self, poligon_id: str) -> int:
        return (await self._connection.execute(select(func.count()).select_from(empreses).where(
            empreses.c.poligon_id == poligon_id, empreses.c.estat == "activa"))).scalar_one()

    async def company_counts(self) -> dict[str, int]:
        rows = await self._connection.execute(
            select(empreses.c.poligon_id, func.count()).where(empreses.c.estat == "activa")
            .group_by(empreses.c.poligon_id))
        return {poligon_id: count for poligon_id, count in rows}


class EnsGestorRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection

    async def add(self, ens: EnsGestor) -> None:
        await self._connection.execute(insert(ens_gestors).values(
            ens_gestor_id=str(ens.ens_gestor_id), nom=ens.nom, email=ens.email,
            registrat_el=datetime.now(UTC)))
        await self._connection.execute(insert(ens_gestor_poligons), [
            {"ens_gestor_id": str(ens.ens_gestor_id), "poligon_id": p} for p in ens.poligons])

    async def save(self, ens: EnsGestor) -> None:
        """The body as it is now: its name, address and estates."""
        await self._connection.execute(update(ens_gestors).where(
            ens_gestors.c.ens_gestor_id == str(ens.ens_gestor_id)).values(nom=ens.nom, email=ens.email))
        await self._connection.execute(delete(ens_gestor_poligons).where(
            ens_gestor_poligons.c.ens_gestor_id == str(ens.ens_gestor_id)))
        await self._connection.execute(insert(ens_gestor_poligons), [
            {"ens_gestor_id": str(ens.ens_gestor_id), "poligon_id": p} for p in ens.poligons])

    async def get(self, ens_gestor_id: str) -> EnsGestor | None:
        found = await self.list(ens_gestor_id=ens_gestor_id)
        return found[0] if found else None

    async def list(self, poligon_id: str | None = None, ens_gestor_id: str | None = None) -> list[EnsGestor]:
        query = (select(ens_gestors, ens_gestor_poligons.c.poligon_id)
                 .join(ens_gestor_poligons)
                 .order_by(ens_gestors.c.nom, ens_gestor_poligons.c.poligon_id))
        if ens_gestor_id is not None:
            query = query.where(ens_gestors.c.ens_gestor_id == ens_gestor_id)
        if poligon_id is not None:
            members = select(ens_gestor_poligons.c.ens_gestor_id).where(
                ens_gestor_poligons.c.poligon_id == poligon_id)
            query = query.where(ens_gestors.c.ens_gestor_id.in_(members))
        grouped: dict[str, EnsGestor] = {}
        for row in await self._connection.execute(query):
            current = grouped.get(row.ens_gestor_id)
            estates = (current.poligons if current else ()) + (row.poligon_id,)
            grouped[row.ens_gestor_id] = EnsGestor(
                uuid.UUID(row.ens_gestor_id), row.nom, row.email, estates)
        return list(grouped.values())


class EmpresaRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection

    async def add(self, empresa: Empresa) -> None:
        # Parameters apart from the statement: it is compiled once, not once per company.
        await self._connection.execute(insert(empreses), _row(empresa))

    async def add_many(self, items: list[Empresa], compared: bool = False) -> None:
        """``compared``: already compared with their estate's records for duplicates."""
        if items:
            await self._connection.execute(insert(empreses), [_row(empresa, compared) for empresa in items])

    async def not_compared(self, limit: int) -> list[Empresa]:
        """Companies not yet compared with their estate's records for duplicates (any state: one that
        left meanwhile is only marked), oldest first."""
        # The partial index's own condition, as a literal: a planner cannot match a bound parameter to it.
        to_compare = TO_COMPARE_WHERE[f"{self._connection.dialect.name}_where"]
        rows = await self._connection.execute(select(empreses).where(to_compare)
                                              .order_by(empreses.c.registrada_el, empreses.c.empresa_id).limit(limit))
        return [_empresa(row) for row in rows]

    async def mark_compared(self, empresa_ids: list[str]) -> None:
        if empresa_ids:
            await self._connection.execute(update(empreses).where(empreses.c.empresa_id.in_(empresa_ids))
                                           .values(revisada_duplicats=True))

    async def get(self, empresa_id: uuid.UUID) -> Empresa | None:
        row = (await self._connection.execute(
            select(empreses).where(empreses.c.empresa_id == str(empresa_id)))).first()
        return _empresa(row) if row else None

    async def with_nifs(self, nifs: set[str]) -> list[Empresa]:
        """Every record of these NIFs, in any estate, active or not."""
        if not nifs:
            return []
        rows = await self._connection.execute(select(empreses).where(empreses.c.nif.in_(sorted(nifs))))
        return [_empresa(row) for row in rows]

    async def save_departure(self, empresa: Empresa) -> None:
        await self._connection.execute(
            update(empreses).where(empreses.c.empresa_id == str(empresa.empresa_id)).values(
                estat=empresa.estat, data_baixa=empresa.data_baixa, motiu_baixa=empresa.motiu_baixa,
                municipi_desti=empresa.municipi_desti))

    async def save_move(self, empresa: Empresa) -> None:
        await self._connection.execute(update(empreses).where(empreses.c.empresa_id == str(empresa.empresa_id))
                                       .values(poligon_id=empresa.poligon_id, adreca=empresa.adreca,
                                               actualitzada_el=empresa.actualitzada_el))

    async def confirm(self, empresa_id: str, now: datetime) -> None:
        await self._connection.execute(update(empreses).where(empreses.c.empresa_id == empresa_id)
                                       .values(confirmada_el=now))

    async def set_estat(self, empresa_id: str, estat: str) -> None:
        await self._connection.execute(update(empreses).where(empreses.c.empresa_id == empresa_id).values(estat=estat))

    async def save_changes(self, empresa: Empresa, fields: list[str]) -> None:
        values = {name: getattr(empresa, name) for name in fields} | {"actualitzada_el": empresa.actualitzada_el}
        if {"rao_social", "nom_comercial"} & set(fields):
            values["cerca"] = search_key(empresa.rao_social, empresa.nom_comercial)
        await self._connection.execute(
            update(empreses).where(empreses.c.empresa_id == str(empresa.empresa_id)).values(values))

    async def open_page(self, after: str | None, limit: int) -> list[Empresa]:
        """Active legal entities (never sole traders), by id, after ``after``."""
        conditions = [empreses.c.estat == "activa", empreses.c.persona_fisica.is_(False)]
        if after:
            conditions.append(empreses.c.empresa_id > after)
        rows = await self._connection.execute(
            select(empreses).where(*conditions).order_by(empreses.c.empresa_id).limit(limit))
        return [_empresa(row) for row in rows]

    async def search(self, *, poligon: str | None, cnae: str | None, q: str | None,
                     include_natural_persons: bool, offset: int, limit: int,
                     unconfirmed_since: datetime | None = None) -> tuple[list[Empresa], int]:
        conditions = [empreses.c.estat == "activa"]  # the directory: who is there now
        if poligon:
            conditions.append(empreses.c.poligon_id == poligon)
        if cnae:
            conditions.append(empreses.c.cnae == cnae)
        if q and slug(q):
            # A slug holds only [a-z0-9-]: nothing in it is a LIKE wildcard.
            conditions.append(empreses.c.cerca.like(f"%{slug(q)}%"))
        if unconfirmed_since is not None:
            conditions.append(func.coalesce(empreses.c.confirmada_el, empreses.c.registrada_el) < unconfirmed_since)
        if not include_natural_persons:
            conditions.append(empreses.c.persona_fisica.is_(False))
        rows, total = await page(self._connection, empreses, conditions,
                                 [empreses.c.rao_social, empreses.c.empresa_id], offset, limit)
        return [_empresa(row) for row in rows], total


def _poligon(row) -> Poligon:  # type: ignore[no-untyped-def]
    return Poligon(**{**row._mapping, "fitxa": row.fitxa or {}})


def _row(empresa: Empresa, compared: bool = False) -> dict[str, object]:
    return dict(empresa.__dict__, empresa_id=str(empresa.empresa_id),
                cerca=search_key(empresa.rao_social, empresa.nom_comercial), revisada_duplicats=compared)


def _empresa(row) -> Empresa:  # type: ignore[no-untyped-def]
    values = dict(row._mapping)
    values.pop("cerca", None)
    values.pop("revisada_duplicats", None)
    values["empresa_id"] = uuid.UUID(values["empresa_id"])
    values["cnae_secundaries"] = tuple(values["cnae_secundaries"] or ())
    for moment in ("registrada_el", "actualitzada_el", "confirmada_el"):
        values[moment] = as_utc(values[moment])
    return Empresa(**values)
