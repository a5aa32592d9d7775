"""An estate's sheet, as SIPAE and the comarca portals describe estates: state, surfaces, permitted
uses, services; each datum with when it was last checked and by whom (``districte.rpc.census.*``)."""

from __future__ import annotations

from datetime import date
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, Field

from shared.contracts.api import Command

T = TypeVar("T")
UsPermes = Literal["industrial", "logistic", "terciari", "comercial", "serveis", "equipaments"]
EstatPoligon = Literal["operatiu", "planificat"]
# Where the estates' first data came from (seeded with the census).
FONT_INICIAL = "Ajuntament de Terrassa, SIT: Mapa dels polígons industrials (2022)"


class Dada(BaseModel, Generic[T]):
    """One datum of the sheet: its value, when it was last checked (none: as the source gave it), and the source."""

    valor: T
    comprovat_el: date | None = None
    font: str | None = None


class FitxaPoligon(BaseModel):
    estat: Dada[EstatPoligon] | None = None
    superficie_m2: Dada[int] | None = Field(default=None, description="superfície total del polígon")
    superficie_neta_m2: Dada[int] | None = Field(default=None, description="sòl industrial net (parcel·les)")
    usos_permesos: Dada[list[UsPermes]] | None = None
    fibra_optica: Dada[bool] | None = None
    gas_natural: Dada[bool] | None = None
    subestacio_electrica: Dada[bool] | None = Field(default=None, description="subestació elèctrica al polígon o al costat")
    aigua_industrial: Dada[bool] | None = None
    parades_transport_public: Dada[int] | None = Field(default=None, description="parades de bus o tren a peu del polígon")
    distancia_autopista_km: Dada[float] | None = Field(default=None, description="fins a l'accés més proper (C-16, C-58, AP-7, B-40)")


class CanvisPoligon(Command):
    """What staff checked (PATCH: only the fields sent); each is marked checked on ``comprovat_el``."""

    nom: str | None = Field(default=None, min_length=1, max_length=200)
    estat: EstatPoligon | None = None
    superficie_m2: int | None = Field(default=None, gt=0, le=100_000_000)
    superficie_neta_m2: int | None = Field(default=None, gt=0, le=100_000_000)
    usos_permesos: list[UsPermes] | None = Field(default=None, min_length=1, max_length=6)
    fibra_optica: bool | None = None
    gas_natural: bool | None = None
    subestacio_electrica: bool | None = None
    aigua_industrial: bool | None = None
    parades_transport_public: int | None = Field(default=None, ge=0, le=1000)
    distancia_autopista_km: float | None = Field(default=None, ge=0, le=200)
    comprovat_el: date | None = Field(default=None, description="quan s'ha comprovat (per defecte, avui)")
    font: str | None = Field(default=None, max_length=200, description="p. ex. visita tècnica, ens gestor")


class ActualitzarPoligon(CanvisPoligon):
    poligon_id: str = Field(min_length=1, max_length=80)
