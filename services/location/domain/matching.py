"""Does an offer fit a request, how well, and why: hard filters, then a score in [0, 1].

Pure and symmetric: the same function judges a new offer against the demands and a new
demand against the offers, so a pair is found whichever side arrives last. The database
only narrows the candidates; every rule is decided here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from services.location.domain.demands import Demanda, PerfilDemanda
from services.location.domain.offers import Oferta
from shared.contracts.location import ESTATS_CONSERVACIO
from shared.formatting import euros, m2, nombre

# A lead is renewed, not duplicated, when the price it quoted drops at least this much.
MATERIAL_PRICE_DROP = 0.05
# Surfaces fall in bands 15 % wide; a demand is indexed under every band its range touches,
# so the demands an offer may fit are found by equality, not by scanning a range.
BAND_RATIO = 1.15
MAX_SURFACE_M2 = 1_000_000
_WEIGHTS = {"superficie": 0.4, "preu": 0.4, "estat": 0.2}
_CONDITION_VALUE = {"nou": 1.0, "bo": 0.75, "a_reformar": 0.4, "obsolet": 0.1}
_CONDITION_NAME = {"nou": "nou", "bo": "bo", "a_reformar": "a reformar", "obsolet": "obsolet"}


@dataclass(frozen=True)
class Via:
    """One way of taking the premises that the demand wants and can afford."""

    operacio: str  # "lloguer" | "venda"
    preu: int
    pressupost: int | None


@dataclass(frozen=True)
class Avaluacio:
    puntuacio: float
    motius: tuple[str, ...]
    preu_referencia: int  # the price the lead quotes (the cheapest fitting way)


def avalua(oferta: Oferta, demanda: Demanda | PerfilDemanda) -> Avaluacio | None:
    """None unless every hard filter passes."""
    if not (oferta.al_mercat and demanda.activa and oferta.tipus in demanda.tipus):
        return None
    if not demanda.superficie_min_m2 <= oferta.superficie_m2 <= (demanda.superficie_max_m2 or oferta.superficie_m2):
        return None
    if demanda.poligons and oferta.poligon_id not in demanda.poligons:
        return None
    if ESTATS_CONSERVACIO.index(oferta.estat_conservacio) > ESTATS_CONSERVACIO.index(demanda.accepta_estat):
        return None
    extres = _extres(oferta, demanda)
    if extres is None:
        return None
    vies = vies_assequibles(oferta, demanda)
    if not vies:
        return None
    via = min(vies, key=lambda v: _price_ratio(v))
    score = (_WEIGHTS["superficie"] * _surface_closeness(oferta, demanda)
             + _WEIGHTS["preu"] * (1 - 0.5 * _price_ratio(via) if via.pressupost else 0.75)
             + _WEIGHTS["estat"] * _CONDITION_VALUE[oferta.estat_conservacio])
    motius = (_surface_reason(oferta, demanda), _price_reason(via), *extres,
              f"estat de conservació: {_CONDITION_NAME[oferta.estat_conservacio]}")
    return Avaluacio(round(min(max(score, 0.0), 1.0), 3), motius, via.preu)


def vies_assequibles(oferta: Oferta, demanda: Demanda | PerfilDemanda) -> list[Via]:
    vies = []
    if demanda.operacio in ("lloguer", "lloguer_o_venda") and oferta.lloguer_mensual is not None:
        vies.append(Via("lloguer", oferta.lloguer_mensual, demanda.preu_max_eur))
    if demanda.operacio in ("venda", "lloguer_o_venda") and oferta.preu_venda is not None:
        budget = demanda.preu_max_eur if demanda.operacio == "venda" else demanda.preu_max_venda_eur
        vies.append(Via("venda", oferta.preu_venda, budget))
    return [v for v in vies if v.pressupost is None or v.preu <= v.pressupost]


def franja(superficie_m2: int) -> int:
    """The surface band a surface falls in."""
    return int(math.log(max(superficie_m2, 1)) / math.log(BAND_RATIO))


def franges(demanda: Demanda) -> range:
    """Every band a surface the demand accepts can fall in."""
    return range(franja(demanda.superficie_min_m2), franja(demanda.superficie_max_m2 or MAX_SURFACE_M2) + 1)


def millora_material(preu_anterior: int, preu_nou: int) -> bool:
    return preu_nou <= preu_anterior * (1 - MATERIAL_PRICE_DROP)


def _extres(oferta: Oferta, demanda: Demanda | PerfilDemanda) -> list[str] | None:
    """Reasons for each technical requirement met; None if one is not (or is unknown)."""
    reasons = []
    if demanda.alcada_min_m is not None:
        if oferta.alcada_lliure_m is None or oferta.alcada_lliure_m < demanda.alcada_min_m:
            return None
        reasons.append(f"alçada lliure {nombre(oferta.alcada_lliure_m)} m ≥ {nombre(demanda.alcada_min_m)} m")
    if demanda.potencia_min_kw is not None:
        if oferta.potencia_kw is None or oferta.potencia_kw < demanda.potencia_min_kw:
            return None
        reasons.append(f"potència {nombre(oferta.potencia_kw)} kW ≥ {nombre(demanda.potencia_min_kw)} kW")
    if demanda.molls_min:
        if oferta.molls_carrega is None or oferta.molls_carrega < demanda.molls_min:
            return None
        reasons.append(f"{oferta.molls_carrega} molls de càrrega ≥ {demanda.molls_min}")
    if demanda.acces_trailer:
        if oferta.acces_trailer is not True:
            return None
        reasons.append("accés per a tràiler")
    return reasons


def _surface_closeness(oferta: Oferta, demanda: Demanda | PerfilDemanda) -> float:
    """1 at the middle of the wanted range, 0.5 at its ends (or well above a bare minimum)."""
    minimum, maximum = demanda.superficie_min_m2, demanda.superficie_max_m2
    if maximum is None:
        return 1.0 if oferta.superficie_m2 <= 1.5 * minimum else max(0.5, 1.5 * minimum / oferta.superficie_m2)
    half = (maximum - minimum) / 2
    if half == 0:
        return 1.0
    return 1 - 0.5 * abs(oferta.superficie_m2 - (minimum + half)) / half


def _price_ratio(via: Via) -> float:
    return via.preu / via.pressupost if via.pressupost else 0.0


def _surface_reason(oferta: Oferta, demanda: Demanda | PerfilDemanda) -> str:
    if demanda.superficie_max_m2 is None:
        return f"superfície {m2(oferta.superficie_m2)} ≥ {m2(demanda.superficie_min_m2)}"
    return f"superfície dins del rang ({m2(oferta.superficie_m2)})"


def _price_reason(via: Via) -> str:
    price = f"{euros(via.preu)}/mes" if via.operacio == "lloguer" else euros(via.preu)
    if via.pressupost is None:
        return f"{via.operacio} {price}"
    budget = f"{euros(via.pressupost)}/mes" if via.operacio == "lloguer" else euros(via.pressupost)
    return f"{via.operacio} {price} ≤ {budget}"
