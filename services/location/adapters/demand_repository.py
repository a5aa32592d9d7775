"""Requests for premises and the matching index that finds an offer's candidates."""

from __future__ import annotations

import uuid
from dataclasses import fields
from datetime import datetime
from typing import Any

from sqlalchemy import CompoundSelect, bindparam, delete, func, insert, select, union_all, update
from sqlalchemy.ext.asyncio import AsyncConnection

from services.location.adapters.matching_query import (
    NO_LIMIT,
    NO_MAXIMUM,
    CostatDemanda,
    CostatOferta,
    can_buy,
    can_rent,
    hard_filters,
    index_values,
    per_lloguer,
    puntuacio,
)
from services.location.adapters.tables import coincidencies, demanda_franges, demandes
from services.location.domain.demands import Demanda
from services.location.domain.matching import RANG_ESTAT, Avaluacio, Requisits, Via, franges, franja
from services.location.domain.offers import Oferta
from shared.persistence.paging import page
from shared.persistence.timestamps import as_utc

ANY_ESTATE = "*"
_DEMANDA_FIELDS = [f.name for f in fields(Demanda)]


def _fitting_demands() -> CompoundSelect:
    """A new offer's leads: its type, band and estate pick its candidates out of the index.

    The budget rejects most of them, so each way of taking the premises is looked up in its
    own index, by budget: the demands that may rent it, then those that may only buy it.
    """
    f = demanda_franges.c
    o, d = CostatOferta.parametres(), CostatDemanda.columnes()
    found = select(f.demanda_id, f.superficie_min_m2, f.superficie_max_m2, f.lloguer_max, f.venda_max,
                   f.alcada_min_m, f.potencia_min_kw, f.molls_min, f.acces_trailer,
                   puntuacio(o, d), per_lloguer(o, d)).where(
        f.tipus == bindparam("tipus"), f.franja == bindparam("franja"),
        f.poligon_id.in_([bindparam("poligon_id"), ANY_ESTATE]), *hard_filters(o, d))
    return union_all(found.where(can_rent(o, d)), found.where(can_buy(o, d), ~can_rent(o, d)))


_FITTING_DEMANDS = _fitting_demands()


class DemandaRepository:
    def __init__(self, connection: AsyncConnection) -> None:
        self._connection = connection

    async def add(self, demanda: Demanda) -> None:
        await self.add_many([demanda])

    async def add_many(self, many: list[Demanda]) -> None:
        await self._connection.execute(insert(demandes), [_demanda_row(d) for d in many])
        await self._index([d for d in many if d.activa])

    async def save(self, demanda: Demanda) -> None:
        row = _demanda_row(demanda)
        await self._connection.execute(
            update(demandes).where(demandes.c.demanda_id == row.pop("demanda_id")), row)
        await self._connection.execute(
            delete(demanda_franges).where(demanda_franges.c.demanda_id == str(demanda.demanda_id)))
        if demanda.activa:
            await self._index([demanda])

    async def _index(self, active: list[Demanda]) -> None:
        rows = index_rows(active)
        if rows:
            await self._connection.execute(insert(demanda_franges), rows)

    async def get(self, demanda_id: uuid.UUID) -> Demanda | None:
        row = (await self._connection.execute(
            select(demandes).where(demandes.c.demanda_id == str(demanda_id)))).first()
        return demanda_from_row(row._mapping) if row else None

    async def fitting(self, oferta: Oferta) -> list[tuple[str, Avaluacio]]:
        """Every active demand the offer fits (by id), with its evaluation, found and scored in the index."""
        if not oferta.al_mercat:
            return []
        rows = await self._connection.execute(_FITTING_DEMANDS, {
            "tipus": oferta.tipus, "franja": franja(oferta.superficie_m2), "poligon_id": oferta.poligon_id,
            **CostatOferta.valors(oferta)})
        return [_fit(oferta, row) for row in rows.all()]

    async def without_leads(self, registered_by: datetime, limit: int) -> list[Demanda]:
        """Active demands filed by then that never got a lead and were not reported yet."""
        rows = await self._connection.execute(
            select(demandes).where(
                demandes.c.estat == "activa", demandes.c.registrada_el <= registered_by,
                demandes.c.sense_coincidencies_el.is_(None),
                ~select(coincidencies.c.coincidencia_id)
                .where(coincidencies.c.demanda_id == demandes.c.demanda_id).exists())
            .order_by(demandes.c.registrada_el).limit(limit))
        return [demanda_from_row(row._mapping) for row in rows]

    async def counts(self, column: Any) -> dict[str, int]:
        """How many demands have each value of ``column`` (unset ones left out)."""
        rows = await self._connection.execute(
            select(column, func.count()).where(column.is_not(None)).group_by(column))
        return {value: count for value, count in rows}

    async def count(self, *conditions: Any) -> int:
        return (await self._connection.execute(
            select(func.count()).select_from(demandes).where(*conditions))).scalar_one()

    async def search(self, conditions: list[Any], offset: int, limit: int) -> tuple[list[Demanda], int]:
        rows, total = await page(self._connection, demandes, conditions,
                                 [demandes.c.registrada_el.desc(), demandes.c.demanda_id], offset, limit)
        return [demanda_from_row(row._mapping) for row in rows], total


def index_rows(active: list[Demanda]) -> list[dict[str, Any]]:
    """The matching index rows of active demands: one per estate, type and surface band."""
    return [dict(index_values(d), poligon_id=poligon, tipus=tipus, franja=band)
            for d in active for poligon in (d.poligons or (ANY_ESTATE,)) for tipus in d.tipus
            for band in franges(d)]


def _fit(oferta: Oferta, row: Any) -> tuple[str, Avaluacio]:
    demanda_id, low, high, rent_budget, sale_budget, height, power, docks, trailer, score, rent = row
    # Run for every pair a popular offer fits (a thousand or more): kept to plain steps.
    if rent:
        via = Via("lloguer", oferta.lloguer_mensual, None if rent_budget == NO_LIMIT else rent_budget)
    else:
        via = Via("venda", oferta.preu_venda, None if sale_budget == NO_LIMIT else sale_budget)
    requisits = Requisits(low, None if high == NO_MAXIMUM else high, height, power, docks, trailer)
    return demanda_id, Avaluacio(round(score, 3), via, oferta, requisits)


def _demanda_row(demanda: Demanda) -> dict[str, Any]:
    row = {name: getattr(demanda, name) for name in _DEMANDA_FIELDS}
    row.update(demanda_id=str(demanda.demanda_id), tipus=",".join(demanda.tipus),
               poligons=",".join(demanda.poligons),
               accepta_estat_rang=RANG_ESTAT[demanda.accepta_estat])
    return row


def demanda_from_row(row: Any) -> Demanda:
    values = {name: row[name] for name in _DEMANDA_FIELDS}
    values.update(demanda_id=uuid.UUID(row["demanda_id"]), tipus=tuple(row["tipus"].split(",")),
                  poligons=tuple(p for p in row["poligons"].split(",") if p),
                  registrada_el=as_utc(row["registrada_el"]),
                  sense_coincidencies_el=as_utc(row["sense_coincidencies_el"]),
                  tancada_el=as_utc(row["tancada_el"]))
    return Demanda(**values)
