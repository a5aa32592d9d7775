"""What the notifications service knows of offers, demands and leads, inside one unit of work."""

from __future__ import annotations

import uuid

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from services.notifications.adapters.tables import (
    coincidencies_conegudes,
    demandes_conegudes,
    ofertes_conegudes,
)
from shared.contracts.location import Demanda, Oferta
from shared.persistence.upsert import insert_new, upsert


class LocationDirectory:
    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection

    async def save_oferta(self, oferta: Oferta) -> None:
        await upsert(self._connection, ofertes_conegudes,
                     {"oferta_id": str(oferta.oferta_id), "estat": oferta.estat,
                      "dades": oferta.model_dump(mode="json")}, keys=["oferta_id"])

    async def oferta_retirada(self, oferta_id: uuid.UUID, motiu: str) -> None:
        await self._connection.execute(update(ofertes_conegudes).where(
            ofertes_conegudes.c.oferta_id == str(oferta_id)).values(estat=motiu))

    async def oferta(self, oferta_id: uuid.UUID) -> Oferta | None:
        row = (await self._connection.execute(select(ofertes_conegudes.c.dades).where(
            ofertes_conegudes.c.oferta_id == str(oferta_id)))).first()
        return Oferta.model_validate(row.dades) if row else None

    async def save_demanda(self, demanda: Demanda) -> None:
        await upsert(self._connection, demandes_conegudes,
                     {"demanda_id": str(demanda.demanda_id), "activa": True,
                      "dades": demanda.model_dump(mode="json")}, keys=["demanda_id"])

    async def demanda_tancada(self, demanda_id: uuid.UUID) -> None:
        await self._connection.execute(update(demandes_conegudes).where(
            demandes_conegudes.c.demanda_id == str(demanda_id)).values(activa=False))

    async def demanda(self, demanda_id: uuid.UUID) -> tuple[Demanda, bool] | None:
        """The demand and whether it is still active."""
        row = (await self._connection.execute(
            select(demandes_conegudes.c.dades, demandes_conegudes.c.activa).where(
                demandes_conegudes.c.demanda_id == str(demanda_id)))).first()
        return (Demanda.model_validate(row.dades), row.activa) if row else None

    async def add_coincidencia(self, coincidencia_id: uuid.UUID, demanda_id: uuid.UUID,
                               oferta_id: uuid.UUID) -> None:
        await insert_new(self._connection, coincidencies_conegudes,
                         {"coincidencia_id": str(coincidencia_id), "demanda_id": str(demanda_id),
                          "oferta_id": str(oferta_id)}, keys=["coincidencia_id"])

    async def demandes_actives_amb_coincidencia(self, oferta_id: uuid.UUID) -> list[Demanda]:
        rows = await self._connection.execute(
            select(demandes_conegudes.c.dades)
            .join(coincidencies_conegudes,
                  coincidencies_conegudes.c.demanda_id == demandes_conegudes.c.demanda_id)
            .where(coincidencies_conegudes.c.oferta_id == str(oferta_id),
                   demandes_conegudes.c.activa.is_(True))
            .order_by(demandes_conegudes.c.demanda_id))
        return [Demanda.model_validate(row.dades) for row in rows]
