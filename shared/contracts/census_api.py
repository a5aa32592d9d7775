"""Commands and queries the census serves to the portal (``districte.rpc.census.*``)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, EmailStr, Field

from shared.contracts.api import Buit, Command, Pagina
from shared.contracts.census import MotiuBaixa
from shared.contracts.census_estates import FitxaPoligon

SERVICE = "census"
# Where a record came from.
FontDada = Literal["enquesta", "importacio", "autoservei", "personal_tecnic", "soci"]
__all__ = ["Buit", "Pagina"]


class RegistrarEmpresa(Command):
    nif: str = Field(min_length=1, max_length=20, description="NIF/CIF, p. ex. B64717838")
    rao_social: str = Field(min_length=1, max_length=200)
    nom_comercial: str | None = Field(default=None, max_length=200)
    cnae: str = Field(min_length=1, max_length=10, description="Classe CNAE-2009, p. ex. 2511")
    poligon_id: str = Field(min_length=1, max_length=80, description="p. ex. els-bellots")
    adreca: str | None = Field(default=None, max_length=300)
    email: EmailStr | None = None
    telefon: str | None = Field(default=None, max_length=30, pattern=r"^\+?[0-9 ().-]{6,30}$")
    treballadors: int | None = Field(default=None, ge=0, le=1_000_000)


class CanvisEmpresa(Command):
    """The fields to change (PATCH: only those given); ``null`` clears an optional one."""

    rao_social: str | None = Field(default=None, min_length=1, max_length=200)
    nom_comercial: str | None = Field(default=None, max_length=200)
    cnae: str | None = Field(default=None, min_length=1, max_length=10)
    adreca: str | None = Field(default=None, max_length=300)
    email: EmailStr | None = None
    telefon: str | None = Field(default=None, max_length=30, pattern=r"^\+?[0-9 ().-]{6,30}$")
    treballadors: int | None = Field(default=None, ge=0, le=1_000_000)


class ModificarEmpresa(CanvisEmpresa):
    empresa_id: uuid.UUID


class Baixa(Command):
    """Why a company left its estate, and when (today if not said)."""

    motiu: MotiuBaixa
    municipi_desti: str | None = Field(default=None, min_length=1, max_length=120,
                                       description="on se'n va, quan el motiu és trasllat_fora")
    data_baixa: date | None = None


class DonarDeBaixaEmpresa(Baixa):
    empresa_id: uuid.UUID


class Trasllat(Command):
    """Where in the district a company moved to, and when (today if not said)."""

    poligon_id: str = Field(min_length=1, max_length=80, description="el polígon on es trasllada")
    adreca: str | None = Field(default=None, max_length=300, description="l'adreça nova")
    data_trasllat: date | None = None


class TraslladarEmpresa(Trasllat):
    empresa_id: uuid.UUID


class RegistrarEnsGestor(Command):
    nom: str = Field(min_length=1, max_length=200)
    email: EmailStr
    poligons: list[str] = Field(min_length=1, max_length=50)


class CanvisEnsGestor(Command):
    """The fields to change (PATCH: only those given)."""

    nom: str | None = Field(default=None, min_length=1, max_length=200)
    email: EmailStr | None = None
    poligons: list[str] | None = Field(default=None, min_length=1, max_length=50)


class ActualitzarEnsGestor(CanvisEnsGestor):
    ens_gestor_id: uuid.UUID


class ObtenirPoligon(Command):
    poligon_id: str


class ObtenirEmpresa(Command):
    empresa_id: uuid.UUID


class LlistarEmpreses(Command):
    poligon: str | None = None
    cnae: str | None = None
    q: str | None = Field(default=None, max_length=100)
    pagina: int = Field(default=1, ge=1)
    mida: int = Field(default=50, ge=1, le=200)
    inclou_persones_fisiques: bool = False
    sense_confirmar_mesos: int | None = Field(
        default=None, ge=1, le=120, description="només les no confirmades (ni registrades) en aquests mesos")


class ConfirmarEmpresa(Command):
    """Someone who knows says the record is current (staff now; the company itself later)."""

    empresa_id: uuid.UUID


class Centroide(BaseModel):
    lat: float
    lon: float


class EnsGestorResum(BaseModel):
    ens_gestor_id: uuid.UUID
    nom: str


class PoligonView(BaseModel):
    poligon_id: str
    nom: str
    estat: Literal["operatiu", "planificat"]
    superficie_m2: int
    centroide: Centroide
    ens_gestors: list[EnsGestorResum] = []
    empreses: int = 0
    fitxa: FitxaPoligon = Field(default_factory=FitxaPoligon,
                                description="estat, superfícies, usos i serveis, cadascun amb quan es va comprovar")


class EnsGestorView(BaseModel):
    ens_gestor_id: uuid.UUID
    nom: str
    email: str
    poligons: list[str]


class EmpresaView(BaseModel):
    empresa_id: uuid.UUID
    nif: str
    persona_fisica: bool
    rao_social: str
    nom_comercial: str | None
    cnae: str
    poligon_id: str
    adreca: str | None
    email: str | None
    telefon: str | None
    treballadors: int | None
    registrada_el: datetime
    estat: Literal["activa", "baixa", "fusionada"] = "activa"
    font: FontDada = "personal_tecnic"
    actualitzada_el: datetime | None = None
    confirmada_el: datetime | None = None
    data_baixa: date | None = None
    motiu_baixa: MotiuBaixa | None = None
    municipi_desti: str | None = None


class HistorialEmpresa(Command):
    empresa_id: uuid.UUID


class EntradaAuditoria(BaseModel):
    moment: datetime
    qui: str
    accio: str
    detall: dict


class ClasseCnae(BaseModel):
    codi: str
    nom: str = Field(description="en català les divisions i seccions; les classes, com les publica la NACE")


class DivisioCnae(BaseModel):
    codi: str
    nom: str
    classes: list[ClasseCnae]


class SeccioCnae(BaseModel):
    lletra: str
    nom: str
    divisions: list[DivisioCnae]
