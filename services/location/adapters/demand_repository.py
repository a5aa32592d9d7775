"""Requests for premises and the matching index that finds an offer's candidates."""

from __future__ import annotations

import uuid
from dataclasses import fields
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from services.location.adapters.tables import coincidencies, demanda_franges, demandes
from services.location.domain.demands import Demanda, PerfilDemanda
from services.location.domain.matching import MAX_SURFACE_M2, franges, franja
from services.location.domain.offers import Oferta
from shared.contracts.location import ESTATS_CONSERVACIO
from shared.persistence.timestamps import as_utc

ANY_ESTATE = "*"
NO_LIMIT = 2**62
_DEMANDA_FIELDS = [f.name for f in fields(Demanda)]
_PROFILE_FIELDS = [f.name for f in fields(PerfilDemanda)]


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
        rows = [dict(_index_row(d), poligon_id=poligon, tipus=tipus, franja=band)
                for d in active for poligon in (d.poligons or (ANY_ESTATE,)) for tipus in d.tipus
                for band in franges(d)]
        if rows:
            await self._connection.execute(insert(demanda_franges), rows)

    async def get(self, demanda_id: uuid.UUID) -> Demanda | None:
        row = (await self._connection.execute(
            select(demandes).where(demandes.c.demanda_id == str(demanda_id)))).first()
        return _demanda(row._mapping) if row else None

    async def candidates_for(self, oferta: Oferta) -> list[PerfilDemanda]:
        """Active demands the offer may fit, picked out in the matching index; the matcher decides.
        Only what matching reads is fetched: a popular offer has hundreds of candidates."""
        d, f = demandes.c, demanda_franges.c
        query = (select(*(d[name] for name in _PROFILE_FIELDS))
                 .join(demanda_franges, f.demanda_id == d.demanda_id).where(
            f.tipus == oferta.tipus, f.franja == franja(oferta.superficie_m2),
            f.poligon_id.in_((oferta.poligon_id, ANY_ESTATE)),
            f.superficie_min_m2 <= oferta.superficie_m2, f.superficie_max_m2 >= oferta.superficie_m2,
            f.accepta_estat_rang >= ESTATS_CONSERVACIO.index(oferta.estat_conservacio),
            _affordable(oferta),
            _at_most(d.alcada_min_m, oferta.alcada_lliure_m),
            _at_most(d.potencia_min_kw, oferta.potencia_kw),
            _at_most(d.molls_min, oferta.molls_carrega, zero_is_none=True),
            d.acces_trailer.is_(False) if oferta.acces_trailer is not True else True))
        return [_profile(row) for row in await self._connection.execute(query)]

    async def without_leads(self, registered_by: datetime, limit: int) -> list[Demanda]:
        """Active demands filed by then that never got a lead and were not reported yet."""
        rows = await self._connection.execute(
            select(demandes).where(
                demandes.c.estat == "activa", demandes.c.registrada_el <= registered_by,
                demandes.c.sense_coincidencies_el.is_(None),
                ~select(coincidencies.c.coincidencia_id)
                .where(coincidencies.c.demanda_id == demandes.c.demanda_id).exists())
            .order_by(demandes.c.registrada_el).limit(limit))
        return [_demanda(row._mapping) for row in rows]

    async def counts(self, column: Any) -> dict[str, int]:
        """How many demands have each value of ``column`` (unset ones left out)."""
        rows = await self._connection.execute(
            select(column, func.count()).where(column.is_not(None)).group_by(column))
        return {value: count for value, count in rows}

    async def count(self, *conditions: Any) -> int:
        return (await self._connection.execute(
            select(func.count()).select_from(demandes).where(*conditions))).scalar_one()

    async def search(self, conditions: list[Any], offset: int, limit: int) -> tuple[list[Demanda], int]:
        total = (await self._connection.execute(
            select(func.count()).select_from(demandes).where(*conditions))).scalar_one()
        rows = await self._connection.execute(
            select(demandes).where(*conditions)
            .order_by(demandes.c.registrada_el.desc(), demandes.c.demanda_id)
            .offset(offset).limit(limit))
        return [_demanda(row._mapping) for row in rows], total

def _at_most(required: Any, offered: float | None, zero_is_none: bool = False) -> Any:
    """A demand's minimum is unset (or 0) or the offer meets it; unknown on the offer: unset only."""
    unset = or_(required.is_(None), required == 0) if zero_is_none else required.is_(None)
    return unset if offered is None else or_(unset, required <= offered)

def _affordable(oferta: Oferta) -> Any:
    """The budget part of the hard filters, in the index: some wanted way is within budget."""
    f = demanda_franges.c
    ways = []
    if oferta.lloguer_mensual is not None:
        ways.append(f.lloguer_max >= oferta.lloguer_mensual)
    if oferta.preu_venda is not None:
        ways.append(f.venda_max >= oferta.preu_venda)
    return or_(*ways)

def _index_row(demanda: Demanda) -> dict[str, Any]:
    rent = demanda.operacio in ("lloguer", "lloguer_o_venda")
    sale_budget = demanda.preu_max_eur if demanda.operacio == "venda" else demanda.preu_max_venda_eur
    return {"demanda_id": str(demanda.demanda_id), "superficie_min_m2": demanda.superficie_min_m2,
            "superficie_max_m2": demanda.superficie_max_m2 or MAX_SURFACE_M2,
            "accepta_estat_rang": ESTATS_CONSERVACIO.index(demanda.accepta_estat),
            "lloguer_max": (demanda.preu_max_eur or NO_LIMIT) if rent else None,
            "venda_max": (sale_budget or NO_LIMIT) if demanda.operacio != "lloguer" else None}

def _profile(row: Any) -> PerfilDemanda:
    (demanda_id, tipus, operacio, low, high, budget, sale_budget, estates, height, power, docks,
     trailer, condition, estat) = row
    return PerfilDemanda(uuid.UUID(demanda_id), tuple(tipus.split(",")), operacio, low, high, budget,
                         sale_budget, tuple(p for p in estates.split(",") if p), height, power, docks,
                         trailer, condition, estat)

def _demanda_row(demanda: Demanda) -> dict[str, Any]:
    row = {name: getattr(demanda, name) for name in _DEMANDA_FIELDS}
    row.update(demanda_id=str(demanda.demanda_id), tipus=",".join(demanda.tipus),
               poligons=",".join(demanda.poligons),
               accepta_estat_rang=ESTATS_CONSERVACIO.index(demanda.accepta_estat))
    return row

def _demanda(row: Any) -> Demanda:
    values = {name: row[name] for name in _DEMANDA_FIELDS}
    values.update(demanda_id=uuid.UUID(row["demanda_id"]), tipus=tuple(row["tipus"].split(",")),
                  poligons=tuple(p for p in row["poligons"].split(",") if p),
                  registrada_el=as_utc(row["registrada_el"]),
                  sense_coincidencies_el=as_utc(row["sense_coincidencies_el"]),
                  tancada_el=as_utc(row["tancada_el"]))
    return Demanda(**values)
