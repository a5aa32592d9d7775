"""Location repositories, inside one unit of work: rows in, domain objects out."""

from __future__ import annotations

import uuid
from dataclasses import fields
from datetime import datetime
from typing import Any

from sqlalchemy import Select, delete, func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from services.location.adapters.tables import (
    coincidencies,
    demanda_franges,
    demandes,
    ofertes,
    ofertes_externes,
    poligons,
)
from services.location.domain.demands import Demanda, PerfilDemanda
from services.location.domain.leads import Coincidencia
from services.location.domain.matching import MAX_SURFACE_M2, franges, franja
from services.location.domain.offers import Oferta
from shared.contracts.location import ESTATS_CONSERVACIO
from shared.persistence.timestamps import as_utc
from shared.persistence.upsert import upsert

ANY_ESTATE = "*"
NO_LIMIT = 2**62
_OFERTA_FIELDS = [f.name for f in fields(Oferta)]
_DEMANDA_FIELDS = [f.name for f in fields(Demanda)]
_PROFILE_FIELDS = [f.name for f in fields(PerfilDemanda)]
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
        row = (await self._connection.execute(
            select(ofertes).where(ofertes.c.oferta_id == str(oferta_id)))).first()
        return _oferta(row._mapping) if row else None

    async def candidates_for(self, demanda: Demanda) -> list[Oferta]:
        """Available offers that may fit: narrowed by index; the matcher decides."""
        query = select(ofertes).where(
            ofertes.c.estat == "disponible",
            ofertes.c.tipus.in_(demanda.tipus),
            ofertes.c.superficie_m2 >= demanda.superficie_min_m2,
            ofertes.c.estat_conservacio_rang <= ESTATS_CONSERVACIO.index(demanda.accepta_estat))
        if demanda.superficie_max_m2 is not None:
            query = query.where(ofertes.c.superficie_m2 <= demanda.superficie_max_m2)
        if demanda.poligons:
            query = query.where(ofertes.c.poligon_id.in_(demanda.poligons))
        return [_oferta(row._mapping) for row in await self._connection.execute(query)]

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
        total = (await self._connection.execute(
            select(func.count()).select_from(ofertes).where(*conditions))).scalar_one()
        rows = await self._connection.execute(
            select(ofertes).where(*conditions).order_by(order, ofertes.c.oferta_id)
            .offset(offset).limit(limit))
        return [_oferta(row._mapping) for row in rows], total


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

    async def _where(self, condition: Any) -> list[Coincidencia]:
        query: Select = select(coincidencies).where(condition).order_by(
            coincidencies.c.puntuacio.desc(), coincidencies.c.coincidencia_id)
        return [_lead(row._mapping) for row in await self._connection.execute(query)]


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


def _oferta_row(oferta: Oferta) -> dict[str, Any]:
    row = {name: getattr(oferta, name) for name in _OFERTA_FIELDS}
    row.update(oferta_id=str(oferta.oferta_id), lloguer_mensual=oferta.lloguer_mensual,
               preu_venda=oferta.preu_venda,
               estat_conservacio_rang=ESTATS_CONSERVACIO.index(oferta.estat_conservacio))
    return row


def _oferta(row: Any) -> Oferta:
    values = {name: row[name] for name in _OFERTA_FIELDS}
    values.update(oferta_id=uuid.UUID(row["oferta_id"]), confirmada_el=as_utc(row["confirmada_el"]),
                  caduca_el=as_utc(row["caduca_el"]), recordatori_de=as_utc(row["recordatori_de"]))
    return Oferta(**values)


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


def _lead_row(lead: Coincidencia) -> dict[str, Any]:
    row = {name: getattr(lead, name) for name in _LEAD_FIELDS}
    row.update(coincidencia_id=str(lead.coincidencia_id), demanda_id=str(lead.demanda_id),
               oferta_id=str(lead.oferta_id), motius=list(lead.motius))
    return row


def _lead(row: Any) -> Coincidencia:
    values = {name: row[name] for name in _LEAD_FIELDS}
    values.update(coincidencia_id=uuid.UUID(row["coincidencia_id"]),
                  demanda_id=uuid.UUID(row["demanda_id"]), oferta_id=uuid.UUID(row["oferta_id"]),
                  motius=tuple(row["motius"]), creada_el=as_utc(row["creada_el"]),
                  actualitzada_el=as_utc(row["actualitzada_el"]), resposta_el=as_utc(row["resposta_el"]))
    return Coincidencia(**values)
