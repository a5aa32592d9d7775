"""Estates and leads, inside one unit of work (offers and requests have their own modules)."""

from __future__ import annotations

import uuid
from dataclasses import fields
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from services.location.adapters.tables import coincidencies, poligons
from services.location.domain.leads import Coincidencia
from shared.contracts.location import Rao
from shared.persistence.timestamps import as_utc
from shared.persistence.upsert import upsert

_LEAD_FIELDS = [f.name for f in fields(Coincidencia)]


class PoligonRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection
        self._ids: set[str] | None = None

    async def save(self, poligon_id: str, nom: str) -> None:
        await upsert(self._connection, poligons, {"poligon_id": poligon_id, "nom": nom},
                     keys=["poligon_id"])
        self._ids = None

    async def ids(self) -> set[str]:
        if self._ids is None:
            self._ids = set((await self._connection.execute(select(poligons.c.poligon_id))).scalars())
        return self._ids

class CoincidenciaRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection

    async def pair(self, demanda_id: uuid.UUID, oferta_id: uuid.UUID) -> Coincidencia | None:
        row = (await self._connection.execute(select(coincidencies).where(
            coincidencies.c.demanda_id == str(demanda_id),
            coincidencies.c.oferta_id == str(oferta_id)))).first()
        return _lead(row._mapping) if row else None

    async def existing_for_offer(self, oferta_id: uuid.UUID) -> dict[uuid.UUID, Coincidencia]:
        return {lead.demanda_id: lead for lead in await self._where(
            coincidencies.c.oferta_id == str(oferta_id))}

    async def existing_for_demand(self, demanda_id: uuid.UUID) -> dict[uuid.UUID, Coincidencia]:
        return {lead.oferta_id: lead for lead in await self._where(
            coincidencies.c.demanda_id == str(demanda_id))}

    async def get(self, coincidencia_id: uuid.UUID) -> Coincidencia | None:
        leads = await self._where(coincidencies.c.coincidencia_id == str(coincidencia_id))
        return leads[0] if leads else None

    async def add(self, lead: Coincidencia) -> None:
        await self._connection.execute(insert(coincidencies), _lead_row(lead))

    async def save(self, lead: Coincidencia) -> None:
        row = _lead_row(lead)
        await self._connection.execute(
            update(coincidencies).where(coincidencies.c.coincidencia_id == row.pop("coincidencia_id")),
            row)

    async def count_since(self, moment: datetime) -> int:
        """Leads found since ``moment`` (staff's "this week")."""
        return (await self._connection.execute(select(func.count()).select_from(coincidencies).where(
            coincidencies.c.creada_el >= moment))).scalar_one()

    async def _where(self, condition: Any) -> list[Coincidencia]:
        query: Select = select(coincidencies).where(condition).order_by(
            coincidencies.c.puntuacio.desc(), coincidencies.c.coincidencia_id)
        return [_lead(row._mapping) for row in await self._connection.execute(query)]

def _lead_row(lead: Coincidencia) -> dict[str, Any]:
    row = {name: getattr(lead, name) for name in _LEAD_FIELDS}
    row.update(coincidencia_id=str(lead.coincidencia_id), demanda_id=str(lead.demanda_id),
               oferta_id=str(lead.oferta_id), motius=list(lead.motius),
               raons=[rao.model_dump(mode="json") for rao in lead.raons] or None)
    return row

def _lead(row: Any) -> Coincidencia:
    values = {name: row[name] for name in _LEAD_FIELDS}
    values.update(coincidencia_id=uuid.UUID(row["coincidencia_id"]),
                  demanda_id=uuid.UUID(row["demanda_id"]), oferta_id=uuid.UUID(row["oferta_id"]),
                  motius=tuple(row["motius"]), raons=tuple(Rao.model_validate(r) for r in row["raons"] or ()),
                  creada_el=as_utc(row["creada_el"]),
                  actualitzada_el=as_utc(row["actualitzada_el"]), resposta_el=as_utc(row["resposta_el"]))
    return Coincidencia(**values)
