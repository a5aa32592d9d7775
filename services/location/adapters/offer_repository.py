"""Offers, and which offer each partner's listing became, inside one unit of work."""

from __future__ import annotations

import uuid
from dataclasses import fields
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, Select, bindparam, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from services.location.adapters.matching_query import (
    CostatDemanda,
    CostatOferta,
    can_buy,
    can_rent,
    hard_filters,
    per_lloguer,
    puntuacio,
)
from services.location.adapters.tables import ofertes, ofertes_externes
from services.location.domain.demands import Demanda
from services.location.domain.matching import RANG_ESTAT, Avaluacio, Caracteristiques, Via, pressupost_venda
from services.location.domain.offers import Oferta
from shared.persistence.paging import page
from shared.persistence.timestamps import as_utc
from shared.persistence.upsert import upsert

_OFERTA_FIELDS = [f.name for f in fields(Oferta)]


def _fitting_offers() -> Select:
    """A new demand's leads: the offers on the market of a type and estate it wants."""
    c = ofertes.c
    o, d = CostatOferta.columnes(), CostatDemanda.parametres()
    return select(c.oferta_id, c.superficie_m2, c.alcada_lliure_m, c.potencia_kw, c.molls_carrega,
                  c.estat_conservacio, c.lloguer_mensual, c.preu_venda, puntuacio(o, d), per_lloguer(o, d)).where(
        c.estat == "disponible", c.tipus.in_(bindparam("tipus", expanding=True)),
        or_(bindparam("qualsevol_poligon", type_=Boolean), c.poligon_id.in_(bindparam("poligons", expanding=True))),
        or_(can_rent(o, d), can_buy(o, d)), *hard_filters(o, d))


_FITTING_OFFERS = _fitting_offers()


class OfertaRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection

    async def add(self, oferta: Oferta, now: datetime) -> None:
        await self.add_many([oferta], now)

    async def add_many(self, many: list[Oferta], now: datetime) -> None:
        await self._connection.execute(insert(ofertes), [dict(_oferta_row(o), creada_el=now) for o in many])

    async def save(self, oferta: Oferta) -> None:
        row = _oferta_row(oferta)
        await self._connection.execute(
            update(ofertes).where(ofertes.c.oferta_id == row.pop("oferta_id")), row)

    async def get(self, oferta_id: uuid.UUID) -> Oferta | None:
        return (await self.get_many([oferta_id])).get(oferta_id)

    async def get_many(self, oferta_ids: list[uuid.UUID]) -> dict[uuid.UUID, Oferta]:
        rows = await self._connection.execute(
            select(ofertes).where(ofertes.c.oferta_id.in_([str(i) for i in oferta_ids])))
        found = [_oferta(row._mapping) for row in rows]
        return {oferta.oferta_id: oferta for oferta in found}

    async def fitting(self, demanda: Demanda) -> list[tuple[str, Avaluacio]]:
        """Every available offer that fits the demand (by id), with its evaluation, found and scored at once."""
        if not demanda.activa:
            return []
        rows = await self._connection.execute(_FITTING_OFFERS, {
            "tipus": list(demanda.tipus), "qualsevol_poligon": not demanda.poligons,
            "poligons": list(demanda.poligons), **CostatDemanda.valors(demanda)})
        return [_fit(demanda, row) for row in rows.all()]

    async def expiring_by(self, moment: datetime, limit: int) -> list[Oferta]:
        """Offers on the market that expire by ``moment``, soonest first."""
        rows = await self._connection.execute(
            select(ofertes).where(ofertes.c.estat.in_(("disponible", "reservada")),
                                  ofertes.c.caduca_el <= moment)
            .order_by(ofertes.c.caduca_el).limit(limit))
        return [_oferta(row._mapping) for row in rows]

    async def needing_reminder(self, moment: datetime, limit: int) -> list[Oferta]:
        """Offers on the market expiring by ``moment`` whose contact was not asked this time."""
        rows = await self._connection.execute(
            select(ofertes).where(ofertes.c.estat.in_(("disponible", "reservada")),
                                  ofertes.c.caduca_el <= moment,
                                  or_(ofertes.c.recordatori_de.is_(None),
                                      ofertes.c.recordatori_de != ofertes.c.confirmada_el))
            .order_by(ofertes.c.caduca_el).limit(limit))
        return [_oferta(row._mapping) for row in rows]

    async def search(self, conditions: list[Any], order: Any, offset: int,
                     limit: int) -> tuple[list[Oferta], int]:
        rows, total = await page(self._connection, ofertes, conditions, [order, ofertes.c.oferta_id], offset, limit)
        return [_oferta(row._mapping) for row in rows], total

class OfertaExternaRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection

    async def oferta_id(self, soci: str, referencia: str) -> uuid.UUID | None:
        row = (await self._connection.execute(select(ofertes_externes.c.oferta_id).where(
            ofertes_externes.c.soci == soci, ofertes_externes.c.referencia == referencia))).first()
        return uuid.UUID(row.oferta_id) if row else None

    async def save(self, soci: str, referencia: str, oferta_id: uuid.UUID) -> None:
        await upsert(self._connection, ofertes_externes,
                     {"soci": soci, "referencia": referencia, "oferta_id": str(oferta_id)},
                     keys=["soci", "referencia"])

def _fit(demanda: Demanda, row: Any) -> tuple[str, Avaluacio]:
    oferta_id, surface, height, power, docks, condition, rent, sale, score, by_rent = row
    via = (Via("lloguer", rent, demanda.preu_max_eur) if by_rent
           else Via("venda", sale, pressupost_venda(demanda)))
    local = Caracteristiques(surface, height, power, docks, condition)
    return oferta_id, Avaluacio(round(score, 3), via, local, demanda)


def _oferta_row(oferta: Oferta) -> dict[str, Any]:
    row = {name: getattr(oferta, name) for name in _OFERTA_FIELDS}
    row.update(oferta_id=str(oferta.oferta_id), lloguer_mensual=oferta.lloguer_mensual,
               preu_venda=oferta.preu_venda,
               estat_conservacio_rang=RANG_ESTAT[oferta.estat_conservacio])
    return row

def _oferta(row: Any) -> Oferta:
    values = {name: row[name] for name in _OFERTA_FIELDS}
    values.update(oferta_id=uuid.UUID(row["oferta_id"]), confirmada_el=as_utc(row["confirmada_el"]),
                  caduca_el=as_utc(row["caduca_el"]), recordatori_de=as_utc(row["recordatori_de"]))
    return Oferta(**values)
