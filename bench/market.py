"""A synthetic Terrassa-like market of premises, for the matching benchmark.

Offers: mostly naus, built surfaces log-uniform between 200 and 20,000 m², rents around
4 €/m² a month, sale around 650 €/m², any of the 19 estates. Demands: what companies ask
for — a surface range ±20–50 % around what they need, a budget near the going rate, one or
two estates for most of them, a clear height for half of the nau requests.
"""

from __future__ import annotations

import math
import random
import uuid
from datetime import UTC, datetime, timedelta

from services.location.domain.demands import Demanda
from services.location.domain.offers import Oferta

NOW = datetime.now(UTC)


def _log_uniform(rng: random.Random, low: float, high: float) -> int:
    return int(math.exp(rng.uniform(math.log(low), math.log(high))))


def _pick(rng: random.Random, weighted: dict) -> object:
    return rng.choices(list(weighted), weights=list(weighted.values()))[0]


def offer(rng: random.Random, estates: list[str]) -> Oferta:
    tipus = _pick(rng, {"nau": 75, "oficina": 15, "solar": 10})
    operacio = _pick(rng, {"lloguer": 55, "venda": 30, "lloguer_o_venda": 15})
    surface = _log_uniform(rng, 200, 20_000)
    rent = int(surface * rng.uniform(3.0, 5.5))
    sale = int(surface * rng.uniform(450, 850))
    nau = tipus == "nau"
    return Oferta(
        oferta_id=uuid.uuid4(), tipus=tipus, operacio=operacio, poligon_id=rng.choice(estates),
        superficie_m2=surface, estat_conservacio=_pick(rng, {"nou": 10, "bo": 50, "a_reformar": 30, "obsolet": 10}),
        preu_eur=rent if operacio == "lloguer" else sale,
        preu_lloguer_eur=rent if operacio == "lloguer_o_venda" else None,
        contacte_nom="Agència", contacte_email="agencia@exemple.example", confirmada_el=NOW,
        caduca_el=NOW + timedelta(days=90), alcada_lliure_m=round(rng.uniform(4, 14), 1) if nau else None,
        potencia_kw=rng.choice([None, rng.uniform(30, 1500)]), molls_carrega=rng.randint(0, 6) if nau else 0,
        acces_trailer=rng.random() < 0.6 if nau else False)


def demand(rng: random.Random, estates: list[str]) -> Demanda:
    tipus = _pick(rng, {("nau",): 70, ("oficina",): 15, ("solar",): 5, ("nau", "solar"): 10})
    operacio = _pick(rng, {"lloguer": 60, "venda": 25, "lloguer_o_venda": 15})
    low = _log_uniform(rng, 200, 15_000)
    high = None if rng.random() < 0.05 else int(low * rng.uniform(1.2, 1.5))
    middle = (low + (high or low)) / 2
    rent_budget = int(middle * rng.uniform(3.2, 4.8)) if rng.random() < 0.95 else None
    sale_budget = int(middle * rng.uniform(500, 800)) if rng.random() < 0.95 else None
    return Demanda(
        demanda_id=uuid.uuid4(), empresa_nom="Empresa", empresa_email="empresa@exemple.example",
        tipus=tipus, operacio=operacio, superficie_min_m2=low, superficie_max_m2=high,
        preu_max_eur=sale_budget if operacio == "venda" else rent_budget,
        preu_max_venda_eur=sale_budget if operacio == "lloguer_o_venda" else None,
        poligons=() if rng.random() < 0.3 else tuple(rng.sample(estates, rng.randint(1, 2))),
        alcada_min_m=round(rng.uniform(5, 11), 1) if "nau" in tipus and rng.random() < 0.5 else None,
        molls_min=rng.randint(1, 3) if rng.random() < 0.2 else None,
        acces_trailer=rng.random() < 0.3,
        accepta_estat=_pick(rng, {"nou": 5, "bo": 55, "a_reformar": 35, "obsolet": 5}),
        motiu=_pick(rng, {"ampliacio": 50, "trasllat": 35, "nova_implantacio": 15}),
        registrada_el=NOW)
