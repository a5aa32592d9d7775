"""Does an offer fit a request, how well, and why: hard filters, then a score in [0, 1].

This is the rule book, pure and symmetric: the same function judges an offer against a
demand whichever arrived last. The service finds a change's fitting pairs with the same
rules written as one SQL statement (``adapters.matching_query``, held equal to ``avalua``
by a property test), and words each lead's reasons here (``Avaluacio.motius``) when the
lead is recorded.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple, Protocol

from services.location.domain.reasons import en_catala, raons
from shared.contracts.location import ESTATS_CONSERVACIO, Rao

# A lead is renewed, not duplicated, when the price it quoted drops at least this much.
MATERIAL_PRICE_DROP = 0.05
# Surfaces fall in bands 15 % wide; a demand is indexed under every band its range touches,
# so the demands an offer may fit are found by equality, not by scanning a range.
BAND_RATIO = 1.15
MAX_SURFACE_M2 = 1_000_000
SURFACE_WEIGHT, PRICE_WEIGHT, CONDITION_WEIGHT = 0.4, 0.4, 0.2
PRICE_CLOSENESS_UNKNOWN_BUDGET = 0.75
CONDITION_VALUE = {"nou": 1.0, "bo": 0.75, "a_reformar": 0.4, "obsolet": 0.1}
RANG_ESTAT = {estat: rank for rank, estat in enumerate(ESTATS_CONSERVACIO)}


class Local(Protocol):
    """What matching reads of an offer (an ``Oferta``; the domain model is kept free of imports here)."""

    tipus: str
    poligon_id: str
    superficie_m2: int
    alcada_lliure_m: float | None
    potencia_kw: float | None
    molls_carrega: int | None
    acces_trailer: bool | None
    estat_conservacio: str

    @property
    def al_mercat(self) -> bool: ...
    @property
    def lloguer_mensual(self) -> int | None: ...
    @property
    def preu_venda(self) -> int | None: ...


class Necessitat(Protocol):
    """What matching reads of a request (a ``Demanda``)."""

    tipus: tuple[str, ...]
    operacio: str
    superficie_min_m2: int
    superficie_max_m2: int | None
    preu_max_eur: int | None
    preu_max_venda_eur: int | None
    poligons: tuple[str, ...]
    alcada_min_m: float | None
    potencia_min_kw: float | None
    molls_min: int | None
    acces_trailer: bool
    accepta_estat: str

    @property
    def activa(self) -> bool: ...


class Via(NamedTuple):
    """One way of taking the premises that the demand wants and can afford."""

    operacio: str  # "lloguer" | "venda"
    preu: int
    pressupost: int | None

    @property
    def ratio(self) -> float:
        return self.preu / self.pressupost if self.pressupost else 0.0


class Requisits(NamedTuple):
    """What a demand asks of the premises, as its reasons quote it."""

    superficie_min_m2: int
    superficie_max_m2: int | None
    alcada_min_m: float | None
    potencia_min_kw: float | None
    molls_min: int | None
    acces_trailer: bool


class Caracteristiques(NamedTuple):
    """What an offer's reasons quote of the premises."""

    superficie_m2: int
    alcada_lliure_m: float | None
    potencia_kw: float | None
    molls_carrega: int | None
    estat_conservacio: str


@dataclass(slots=True)  # not frozen: built for every pair found, and frozen ones build slower
class Avaluacio:
    """A fitting pair: its score, the way the lead quotes and, when asked, why it fits.

    ``local`` and ``requisits`` are the offer and the demand themselves, or just the values
    the reasons quote when the database found the pair (``Caracteristiques``, ``Requisits``).
    """

    puntuacio: float
    via: Via  # the cheapest fitting way: the price the lead quotes
    local: Caracteristiques | Local
    requisits: Requisits | Necessitat

    @property
    def preu_referencia(self) -> int:
        return self.via.preu

    @property
    def raons(self) -> tuple[Rao, ...]:
        """Why the pair fits, one reason per rule that let it through."""
        return raons(self.local, self.requisits, self.via.operacio, self.via.preu, self.via.pressupost)

    @property
    def motius(self) -> tuple[str, ...]:
        """The same, in Catalan."""
        return tuple(en_catala(rao) for rao in self.raons)


def avalua(oferta: Local, demanda: Necessitat) -> Avaluacio | None:
    """None unless every hard filter passes."""
    if not (oferta.al_mercat and demanda.activa and oferta.tipus in demanda.tipus):
        return None
    surface, maximum = oferta.superficie_m2, demanda.superficie_max_m2
    if surface < demanda.superficie_min_m2 or (maximum is not None and surface > maximum):
        return None
    if demanda.poligons and oferta.poligon_id not in demanda.poligons:
        return None
    if RANG_ESTAT[oferta.estat_conservacio] > RANG_ESTAT[demanda.accepta_estat]:
        return None
    if not _meets_requirements(oferta, demanda):
        return None
    vies = vies_assequibles(oferta, demanda)
    if not vies:
        return None
    via = min(vies, key=_by_ratio) if len(vies) > 1 else vies[0]
    # Each part is in [0.1, 1], so the score is in [0, 1] by construction.
    price = 1 - 0.5 * via.ratio if via.pressupost else PRICE_CLOSENESS_UNKNOWN_BUDGET
    score = (SURFACE_WEIGHT * _surface_closeness(oferta, demanda) + PRICE_WEIGHT * price
             + CONDITION_WEIGHT * CONDITION_VALUE[oferta.estat_conservacio])
    return Avaluacio(round(score, 3), via, oferta, demanda)


def vies_assequibles(oferta: Local, demanda: Necessitat) -> list[Via]:
    vies = []
    if demanda.operacio != "venda" and (rent := oferta.lloguer_mensual) is not None:
        budget = demanda.preu_max_eur
        if budget is None or rent <= budget:
            vies.append(Via("lloguer", rent, budget))
    if demanda.operacio != "lloguer" and (price := oferta.preu_venda) is not None:
        budget = pressupost_venda(demanda)
        if budget is None or price <= budget:
            vies.append(Via("venda", price, budget))
    return vies


def pressupost_venda(demanda: Necessitat) -> int | None:
    """What the demand would pay to buy (a plain purchase's budget is ``preu_max_eur``)."""
    return demanda.preu_max_eur if demanda.operacio == "venda" else demanda.preu_max_venda_eur


def franja(superficie_m2: int) -> int:
    """The surface band a surface falls in."""
    return int(math.log(max(superficie_m2, 1)) / math.log(BAND_RATIO))


def franges(demanda: Necessitat) -> range:
    """Every band a surface the demand accepts can fall in."""
    return range(franja(demanda.superficie_min_m2), franja(demanda.superficie_max_m2 or MAX_SURFACE_M2) + 1)


def millora_material(preu_anterior: int, preu_nou: int) -> bool:
    return preu_nou <= preu_anterior * (1 - MATERIAL_PRICE_DROP)


def _by_ratio(via: Via) -> float:
    return via.ratio


def _meets_requirements(oferta: Local, demanda: Necessitat) -> bool:
    """Every technical minimum the demand sets is met; an unknown value on the offer meets none."""
    if demanda.alcada_min_m is not None and not _at_least(oferta.alcada_lliure_m, demanda.alcada_min_m):
        return False
    if demanda.potencia_min_kw is not None and not _at_least(oferta.potencia_kw, demanda.potencia_min_kw):
        return False
    if demanda.molls_min and not _at_least(oferta.molls_carrega, demanda.molls_min):
        return False
    return not demanda.acces_trailer or oferta.acces_trailer is True


def _at_least(offered: float | None, required: float) -> bool:
    return offered is not None and offered >= required


def _surface_closeness(oferta: Local, demanda: Necessitat) -> float:
    """1 at the middle of the wanted range, 0.5 at its ends (or well above a bare minimum)."""
    minimum, maximum = demanda.superficie_min_m2, demanda.superficie_max_m2
    if maximum is None:
        return 1.0 if oferta.superficie_m2 <= 1.5 * minimum else max(0.5, 1.5 * minimum / oferta.superficie_m2)
    half = (maximum - minimum) / 2
    if half == 0:
        return 1.0
    return 1 - 0.5 * abs(oferta.superficie_m2 - (minimum + half)) / half
