"""Offers and demands for tests: a plausible nau and a request it fits, changed per test."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from services.location.domain.demands import Demanda
from services.location.domain.offers import Oferta

NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
# The estates the location tests' database knows.
ESTATES = ("can-parellada-industrial", "els-bellots", "santa-margarida-i")


def oferta(**changes: Any) -> Oferta:
    base = Oferta(oferta_id=uuid.uuid4(), tipus="nau", operacio="lloguer", poligon_id="can-parellada-industrial",
                  superficie_m2=2400, estat_conservacio="bo", preu_eur=9600,
                  contacte_nom="Agència Vallès", contacte_email="agencia@valles.example",
                  confirmada_el=NOW, caduca_el=NOW + timedelta(days=90), alcada_lliure_m=10,
                  potencia_kw=200, molls_carrega=3, acces_trailer=True)
    return replace(base, **changes)


def demanda(**changes: Any) -> Demanda:
    base = Demanda(demanda_id=uuid.uuid4(), empresa_nom="Plàstics Egara SL",
                   empresa_email="direccio@plastics-egara.example", tipus=("nau",), operacio="lloguer",
                   superficie_min_m2=2000, superficie_max_m2=3000, preu_max_eur=10000,
                   motiu="ampliacio", registrada_el=NOW)
    return replace(base, **changes)


# Request bodies for the HTTP API.
def oferta_body(**changes: Any) -> dict[str, Any]:
    return {"tipus": "nau", "operacio": "lloguer", "poligon_id": "can-parellada-industrial", "superficie_m2": 2400,
            "estat_conservacio": "bo", "preu_eur": 9600, "alcada_lliure_m": 10, "acces_trailer": True,
            "contacte": {"nom": "Agència Vallès", "email": "agencia@valles.example"}} | changes


def demanda_body(**changes: Any) -> dict[str, Any]:
    return {"empresa": {"nom": "Plàstics Egara SL", "email": "direccio@plastics-egara.example"},
            "consentiment": True, "tipus": ["nau"], "operacio": "lloguer", "superficie_min_m2": 2000,
            "superficie_max_m2": 3000, "preu_max_eur": 10000, "motiu": "ampliacio"} | changes
