"""Why a lead fits: one reason per rule that let the pair through, as data (``Rao``, which every
reader can word in its own language) and in Catalan, the words location itself shows."""

from __future__ import annotations

from typing import Any

from shared.contracts.location import Rao
from shared.formatting import euros, m2, nombre

CONDITION_NAME = {"nou": "nou", "bo": "bo", "a_reformar": "a reformar", "obsolet": "obsolet"}


def raons(local: Any, requisits: Any, operacio: str, preu: int, pressupost: int | None) -> tuple[Rao, ...]:
    """The reasons of a fitting pair: ``local`` and ``requisits`` carry the offer's and the
    demand's values (whole models, or just the ones quoted); the price is the cheapest fitting way."""
    found = [_surface(local, requisits),
             Rao(codi="preu", valors={"operacio": operacio, "preu": preu, "pressupost": pressupost})]
    if requisits.alcada_min_m is not None:
        found.append(Rao(codi="alcada", valors={"valor": local.alcada_lliure_m, "minim": requisits.alcada_min_m}))
    if requisits.potencia_min_kw is not None:
        found.append(Rao(codi="potencia", valors={"valor": local.potencia_kw, "minim": requisits.potencia_min_kw}))
    if requisits.molls_min:
        found.append(Rao(codi="molls", valors={"valor": local.molls_carrega, "minim": requisits.molls_min}))
    if requisits.acces_trailer:
        found.append(Rao(codi="trailer"))
    found.append(Rao(codi="estat", valors={"estat": local.estat_conservacio}))
    return tuple(found)


def _surface(local: Any, requisits: Any) -> Rao:
    if requisits.superficie_max_m2 is None:
        return Rao(codi="superficie_minima",
                   valors={"superficie": local.superficie_m2, "minim": requisits.superficie_min_m2})
    return Rao(codi="superficie_rang", valors={"superficie": local.superficie_m2})


def en_catala(rao: Rao) -> str:
    v = rao.valors
    match rao.codi:
        case "superficie_minima":
            return f"superfície {m2(v['superficie'])} ≥ {m2(v['minim'])}"
        case "superficie_rang":
            return f"superfície dins del rang ({m2(v['superficie'])})"
        case "preu":
            month = "/mes" if v["operacio"] == "lloguer" else ""
            price = f"{v['operacio']} {euros(v['preu'])}{month}"
            return price if v["pressupost"] is None else f"{price} ≤ {euros(v['pressupost'])}{month}"
        case "alcada":
            return f"alçada lliure {nombre(v['valor'])} m ≥ {nombre(v['minim'])} m"
        case "potencia":
            return f"potència {nombre(v['valor'])} kW ≥ {nombre(v['minim'])} kW"
        case "molls":
            return f"{v['valor']} molls de càrrega ≥ {v['minim']}"
        case "trailer":
            return "accés per a tràiler"
        case "estat":
            return f"estat de conservació: {CONDITION_NAME[v['estat']]}"
        case _:
            return str(v["text"])
