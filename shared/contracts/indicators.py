"""The observatory's indicators: each service counts what it owns (``districte.rpc.<service>.Indicadors``),
the portal puts them side by side per estate and for the whole district."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from shared.contracts.api import Command

# The EU's enterprise size classes (headcount), and companies whose headcount is not known.
TRAMS = ("0-9", "10-49", "50-249", "250+", "desconegut")
# An exact headcount of a small firm says more than the public needs: the public sees the class.
BANDS = ((0, 9, "0-9"), (10, 49, "10-49"), (50, 249, "50-249"))


def headcount_band(treballadors: int | None) -> str | None:
    if treballadors is None:
        return None
    return next((label for low, high, label in BANDS if low <= treballadors <= high), "250+")


class ConsultaIndicadors(Command):
    trimestres: int = Field(default=8, ge=1, le=40, description="quants trimestres, acabant en l'actual")


class Trimestre(BaseModel):
    trimestre: str = Field(description="p. ex. 2026-T4")
    entrades: int = Field(description="empreses registrades o arribades d'un altre polígon")
    sortides: int = Field(description="empreses donades de baixa o traslladades a un altre polígon")


class IndicadorsCens(BaseModel):
    """What the census counts in one estate (active records; merged duplicates never count)."""

    poligon_id: str
    empreses: int
    treballadors: int = Field(description="suma de les plantilles conegudes")
    per_tram: dict[str, int] = Field(description="empreses per tram de plantilla (TRAMS)")
    per_seccio: dict[str, int] = Field(description="empreses per secció CNAE-2009 (lletra)")
    per_trimestre: list[Trimestre]


class IndicadorsCensDistricte(BaseModel):
    poligons: list[IndicadorsCens]
    districte: IndicadorsCens = Field(description="el districte sencer: un trasllat entre polígons no hi entra ni en surt")


class IndicadorsLocalitzacioPoligon(BaseModel):
    poligon_id: str
    unitats_disponibles: int = Field(description="ofertes disponibles o reservades")
    m2_disponibles: int
    unitats_obsoletes: int = Field(description="ofertes disponibles en estat obsolet")
    vacants_per_verificar: int = Field(description="possibles vacants (baixes) pendents de verificar")
    demandes_actives: int = Field(description="demandes actives que demanen aquest polígon")


class IndicadorsLocalitzacio(BaseModel):
    poligons: list[IndicadorsLocalitzacioPoligon]
    demandes_actives: int = Field(description="totes les demandes actives del districte")
    demandes_sense_preferencia: int = Field(description="demandes actives que accepten qualsevol polígon")


class IndicadorsPoligon(IndicadorsCens, IndicadorsLocalitzacioPoligon):
    """One estate (or, with ``poligon_id`` "districte", the whole district)."""

    nom: str
    taxa_ocupacio: float | None = Field(description="empreses / (empreses + unitats disponibles); buit sense dades")
    pressio_demanda: int = Field(description="demandes actives que hi encaixen: les que el demanen i les que "
                                             "accepten qualsevol polígon")


class Indicadors(BaseModel):
    actualitzat_el: datetime
    districte: IndicadorsPoligon
    poligons: list[IndicadorsPoligon]
