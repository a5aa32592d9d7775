"""What the notifications service knows of offers, demands and leads, inside one unit of work."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from services.notifications.adapters.tables import (
    coincidencies_conegudes,
    demandes_conegudes,
    ofertes_conegudes,
    resums_pendents,
)
from shared.contracts.location import CoincidenciaTrobada, Demanda, Oferta
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

    # -- digests ------------------------------------------------------------------------
    async def hold_for_digest(self, lead: CoincidenciaTrobada, correlacio: str, now: datetime) -> None:
        await insert_new(self._connection, resums_pendents, {
            "coincidencia_id": str(lead.coincidencia_id), "versio": lead.versio,
            "demanda_id": str(lead.demanda_id), "oferta_id": str(lead.oferta_id),
            "puntuacio": lead.puntuacio, "motius": lead.motius, "correlacio": correlacio,
            "raons": [rao.model_dump(mode="json") for rao in lead.raons],
            "token_m_interessa": lead.token_m_interessa, "token_descartada": lead.token_descartada,
            "creada_el": now}, keys=["coincidencia_id", "versio"])

    async def demands_with_digest(self) -> list[tuple[uuid.UUID, datetime]]:
        """Each demand with leads waiting, and when its oldest one arrived."""
        rows = await self._connection.execute(
            select(resums_pendents.c.demanda_id, func.min(resums_pendents.c.creada_el))
            .group_by(resums_pendents.c.demanda_id))
        return [(uuid.UUID(demanda_id), oldest) for demanda_id, oldest in rows]

    async def take_digest(self, demanda_id: uuid.UUID) -> list[CoincidenciaTrobada]:
        """The waiting leads of a demand, best first; they leave the queue with this transaction."""
        rows = (await self._connection.execute(
            select(resums_pendents).where(resums_pendents.c.demanda_id == str(demanda_id))
            .order_by(resums_pendents.c.puntuacio.desc(), resums_pendents.c.coincidencia_id))).all()
        await self._connection.execute(
            delete(resums_pendents).where(resums_pendents.c.demanda_id == str(demanda_id)))
        return [CoincidenciaTrobada(coincidencia_id=row.coincidencia_id, demanda_id=row.demanda_id,
                                    oferta_id=row.oferta_id, puntuacio=row.puntuacio, motius=row.motius,
                                    raons=row.raons or [],
                                    versio=row.versio, token_m_interessa=row.token_m_interessa,
                                    token_descartada=row.token_descartada) for row in rows]
