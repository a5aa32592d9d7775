"""The matching rules as SQL, so the database finds and scores a change's fitting pairs at once.

A popular offer fits hundreds of the 100,000 requests a district may hold; reading each one
into Python to judge it costs more than the database takes to judge them all. These
expressions say what ``domain.matching.avalua`` says — the hard filters, the cheapest
fitting way, the score — over two *sides* that are table columns or a change's bound values,
so the same expressions serve a new offer against the demands' index and a new demand
against the offers. ``avalua`` stays the reference: a property test holds both to the same
pairs and scores, on SQLite and PostgreSQL.

The floating-point steps follow ``avalua``'s order, so both compute the same double before
rounding.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    ColumnElement,
    Float,
    Integer,
    and_,
    bindparam,
    case,
    cast,
    literal,
    or_,
)
from sqlalchemy import false as sql_false
from sqlalchemy import true as sql_true

from services.location.adapters.tables import demanda_franges, ofertes
from services.location.domain.matching import (
    CONDITION_VALUE,
    CONDITION_WEIGHT,
    MAX_SURFACE_M2,
    PRICE_CLOSENESS_UNKNOWN_BUDGET,
    PRICE_WEIGHT,
    RANG_ESTAT,
    SURFACE_WEIGHT,
    pressupost_venda,
)

# How the index says a demand set no budget for a way, or no maximum surface (the API
# takes surfaces up to MAX_SURFACE_M2).
NO_LIMIT = 2**62
NO_MAXIMUM = MAX_SURFACE_M2 + 1


@dataclass(frozen=True)
class CostatOferta:
    """The offer's side of a pair: columns of ``ofertes``, or one offer's bound values."""

    superficie: Any
    lloguer: Any  # the monthly rent, NULL when it is not let
    venda: Any  # the sale price, NULL when it is not sold
    estat_rang: Any
    alcada: Any
    potencia: Any
    molls: Any
    trailer: Any

    @classmethod
    def columnes(cls) -> CostatOferta:
        o = ofertes.c
        return cls(o.superficie_m2, o.lloguer_mensual, o.preu_venda, o.estat_conservacio_rang,
                   o.alcada_lliure_m, o.potencia_kw, o.molls_carrega, o.acces_trailer)

    @classmethod
    def parametres(cls) -> CostatOferta:
        """Named parameters, so a statement is built and compiled once and run with ``valors``."""
        return cls(**{name: bindparam(f"o_{name}", type_=kind) for name, kind in _OFFER_TYPES.items()})

    @staticmethod
    def valors(oferta: Any) -> dict[str, Any]:
        return {"o_superficie": oferta.superficie_m2, "o_lloguer": oferta.lloguer_mensual,
                "o_venda": oferta.preu_venda, "o_estat_rang": RANG_ESTAT[oferta.estat_conservacio],
                "o_alcada": oferta.alcada_lliure_m, "o_potencia": oferta.potencia_kw,
                "o_molls": oferta.molls_carrega, "o_trailer": oferta.acces_trailer}


@dataclass(frozen=True)
class CostatDemanda:
    """The demand's side: columns of the matching index, or one demand's bound index values."""

    superficie_min: Any
    superficie_max: Any  # NO_MAXIMUM when the demand sets none
    accepta_rang: Any
    lloguer_max: Any  # NO_LIMIT without a budget; NULL when it does not want to rent
    venda_max: Any
    alcada_min: Any
    potencia_min: Any
    molls_min: Any
    trailer: Any

    @classmethod
    def columnes(cls) -> CostatDemanda:
        return cls(**{name: demanda_franges.c[column] for name, (column, _) in _DEMAND_COLUMNS.items()})

    @classmethod
    def parametres(cls) -> CostatDemanda:
        return cls(**{name: bindparam(f"d_{name}", type_=kind) for name, (_, kind) in _DEMAND_COLUMNS.items()})

    @staticmethod
    def valors(demanda: Any) -> dict[str, Any]:
        indexed = index_values(demanda)
        return {f"d_{name}": indexed[column] for name, (column, _) in _DEMAND_COLUMNS.items()}


_OFFER_TYPES = {"superficie": Integer, "lloguer": BigInteger, "venda": BigInteger, "estat_rang": Integer,
                "alcada": Float, "potencia": Float, "molls": Integer, "trailer": Boolean}
_DEMAND_COLUMNS = {
    "superficie_min": ("superficie_min_m2", Integer), "superficie_max": ("superficie_max_m2", Integer),
    "accepta_rang": ("accepta_estat_rang", Integer), "lloguer_max": ("lloguer_max", BigInteger),
    "venda_max": ("venda_max", BigInteger), "alcada_min": ("alcada_min_m", Float),
    "potencia_min": ("potencia_min_kw", Float), "molls_min": ("molls_min", Integer),
    "trailer": ("acces_trailer", Boolean)}


def index_values(demanda: Any) -> dict[str, Any]:
    """What the matching index holds of a demand, whatever estate, type or band it is found by."""
    rent = demanda.operacio in ("lloguer", "lloguer_o_venda")
    sale_budget = pressupost_venda(demanda)
    return {"demanda_id": str(demanda.demanda_id), "superficie_min_m2": demanda.superficie_min_m2,
            "superficie_max_m2": demanda.superficie_max_m2 or NO_MAXIMUM,
            "accepta_estat_rang": RANG_ESTAT[demanda.accepta_estat],
            "lloguer_max": (demanda.preu_max_eur or NO_LIMIT) if rent else None,
            "venda_max": (sale_budget or NO_LIMIT) if demanda.operacio != "lloguer" else None,
            "alcada_min_m": demanda.alcada_min_m, "potencia_min_kw": demanda.potencia_min_kw,
            "molls_min": demanda.molls_min, "acces_trailer": demanda.acces_trailer}


def hard_filters(o: CostatOferta, d: CostatDemanda) -> list[ColumnElement[bool]]:
    """Every hard filter but type, estate and budget: each direction matches those its own way."""
    return [
        d.superficie_min <= o.superficie, d.superficie_max >= o.superficie,
        d.accepta_rang >= o.estat_rang,
        _meets(d.alcada_min, o.alcada), _meets(d.potencia_min, o.potencia),
        or_(d.molls_min.is_(None), d.molls_min == 0, d.molls_min <= o.molls),
        or_(d.trailer.is_(sql_false()), o.trailer.is_(sql_true())),
    ]


def per_lloguer(o: CostatOferta, d: CostatDemanda) -> ColumnElement[bool]:
    """The lead quotes the rent: it fits, and it is no dearer for the budget than buying."""
    return and_(can_rent(o, d), or_(~can_buy(o, d), _ratio(o.lloguer, d.lloguer_max) <= _ratio(o.venda, d.venda_max)))


def puntuacio(o: CostatOferta, d: CostatDemanda) -> ColumnElement[float]:
    """The score before rounding, as ``avalua`` adds it up."""
    price = case((per_lloguer(o, d), _price_closeness(o.lloguer, d.lloguer_max)),
                 else_=_price_closeness(o.venda, d.venda_max))
    condition = case(*((o.estat_rang == rank, value) for rank, value in _condition_values()), else_=0.0)
    return (_f(SURFACE_WEIGHT) * _surface_closeness(o, d) + _f(PRICE_WEIGHT) * price
            + _f(CONDITION_WEIGHT) * condition)


def can_rent(o: CostatOferta, d: CostatDemanda) -> ColumnElement[bool]:
    """The demand wants to rent, the offer is let, and the rent is within budget (never NULL)."""
    return and_(d.lloguer_max.is_not(None), o.lloguer.is_not(None), d.lloguer_max >= o.lloguer)


def can_buy(o: CostatOferta, d: CostatDemanda) -> ColumnElement[bool]:
    """The demand wants to buy, the offer is sold, and the price is within budget (never NULL)."""
    return and_(d.venda_max.is_not(None), o.venda.is_not(None), d.venda_max >= o.venda)


def _meets(minimum: Any, offered: Any) -> ColumnElement[bool]:
    """An unset minimum, or an offer known to meet it."""
    return or_(minimum.is_(None), minimum <= offered)


def _ratio(price: Any, budget: Any) -> ColumnElement[float]:
    return case((budget == NO_LIMIT, _f(0.0)), else_=cast(price, Float) / cast(budget, Float))


def _price_closeness(price: Any, budget: Any) -> ColumnElement[float]:
    return case((budget == NO_LIMIT, _f(PRICE_CLOSENESS_UNKNOWN_BUDGET)),
                else_=_f(1) - _f(0.5) * (cast(price, Float) / cast(budget, Float)))


def _surface_closeness(o: CostatOferta, d: CostatDemanda) -> ColumnElement[float]:
    """1 at the middle of the wanted range, 0.5 at its ends (or well above a bare minimum)."""
    low, high, surface = cast(d.superficie_min, Float), cast(d.superficie_max, Float), cast(o.superficie, Float)
    half = (high - low) / _f(2)
    bare_minimum = case((surface <= _f(1.5) * low, _f(1.0)),
                        (_f(1.5) * low / surface >= _f(0.5), _f(1.5) * low / surface), else_=_f(0.5))
    return case((d.superficie_max == NO_MAXIMUM, bare_minimum), (d.superficie_max == d.superficie_min, _f(1.0)),
                else_=_f(1) - _f(0.5) * _abs(surface - (low + half)) / half)


def _abs(value: ColumnElement[float]) -> ColumnElement[float]:
    return case((value < _f(0), -value), else_=value)


def _condition_values() -> list[tuple[int, float]]:
    return [(RANG_ESTAT[estat], value) for estat, value in CONDITION_VALUE.items()]


def _f(value: float) -> ColumnElement[float]:
    """A float constant PostgreSQL does not take for an exact numeric."""
    return literal(float(value), Float)
