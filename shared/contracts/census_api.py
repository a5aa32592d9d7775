"""Commands and queries the census serves to the portal (``districte.rpc.census.*``)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, EmailStr, Field, HttpUrl

from shared.contracts.api import Buit, Command, Pagina
from shared.contracts.census import MotiuBaixa
from shared.contracts.census_estates import FitxaPoligon

SERVICE = "census"
# Where a record came from.
FontDada = Literal["enquesta", "importacio", "autoservei", "personal_tecnic", "soci"]
Tinenca = Literal["propietat", "lloguer"]
__all__ = ["Buit", "Pagina"]


class RegistrarEmpresa(Command):
    nif: str = Field(min_length=1, max_length=20, description="NIF/CIF, p. ex. B64717838")
    rao_social: str = Field(min_length=1, max_length=200)
    nom_comercial: str | None = Field(default=None, max_length=200)
    cnae: str | None = Field(default=None, min_length=1, max_length=10,
                             description="classe CNAE-2009, p. ex. 2511 (o bé la CNAE-2025)")
    cnae_2025: str | None = Field(default=None, min_length=1, max_length=10,
                                  description="classe CNAE-2025; cadascuna es dedueix de l'altra on la "
                                              "correspondència és unívoca")
    poligon_id: str = Field(min_length=1, max_length=80, description="p. ex. els-bellots")
    adreca: str | None = Field(default=None, max_length=300)
    email: EmailStr | None = None
    telefon: str | None = Field(default=None, max_length=30, pattern=r"^\+?[0-9 ().-]{6,30}$")
    treballadors: int | None = Field(default=None, ge=0, le=1_000_000)
    # The legal entity, beyond its name and main activity.
    cnae_secundaries: list[str] = Field(default_factory=list, max_length=10, description="altres classes CNAE-2009")
    any_treballadors: int | None = Field(default=None, ge=1900, le=2100, description="l'any de la plantilla")
    web: HttpUrl | None = None
    # The establishment: this record is the company in one estate.
    codi_postal: str | None = Field(default=None, max_length=10, description="p. ex. 08223")
    referencia_cadastral: str | None = Field(default=None, max_length=30, description="20 caràcters")
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    tinenca: Tinenca | None = None
    superficie_ocupada_m2: int | None = Field(default=None, gt=0, le=10_000_000)
    seu_social: bool = Field(default=False, description="si hi té el domicili social")


class CanvisEmpresa(Command):
    """The fields to change (PATCH: only those given); ``null`` clears an optional one."""

    rao_social: str | None = Field(default=None, min_length=1, max_length=200)
    nom_comercial: str | None = Field(default=None, max_length=200)
    cnae: str | None = Field(default=None, min_length=1, max_length=10)
    cnae_2025: str | None = Field(default=None, min_length=1, max_length=10)
    adreca: str | None = Field(default=None, max_length=300)
    email: EmailStr | None = None
    telefon: str | None = Field(default=None, max_length=30, pattern=r"^\+?[0-9 ().-]{6,30}$")
    treballadors: int | None = Field(default=None, ge=0, le=1_000_000)
    cnae_secundaries: list[str] | None = Field(default=None, max_length=10)
    any_treballadors: int | None = Field(default=None, ge=1900, le=2100)
    web: HttpUrl | None = None
    codi_postal: str | None = Field(default=None, max_length=10)
    referencia_cadastral: str | None = Field(default=None, max_length=30)
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    tinenca: Tinenca | None = None
    superficie_ocupada_m2: int | None = Field(default=None, gt=0, le=10_000_000)
    seu_social: bool | None = None


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
    cnae_2025: str | None = None
    forma_juridica: str = Field(description="la que diu la primera lletra del CIF; persona física per a un DNI o NIE")
    cnae_secundaries: list[str] = []
    any_treballadors: int | None = None
    web: str | None = None
    codi_postal: str | None = None
    referencia_cadastral: str | None = None
    lat: float | None = None
    lon: float | None = None
    tinenca: Tinenca | None = None
    superficie_ocupada_m2: int | None = None
    seu_social: bool = False
    registrada_el: datetime
    estat: Literal["activa", "baixa", "fusionada"] = "activa"
    font: FontDada = "personal_tecnic"
    actualitzada_el: datetime | None = None
    confirmada_el: datetime | None = None
    data_baixa: date | None = None
    motiu_baixa: MotiuBaixa | None = None
    municipi_desti: str | None = None


class ObtenirEntitat(Command):
    nif: str = Field(min_length=1, max_length=20)
    inclou_inactius: bool = False


class EstablimentView(BaseModel):
    """One of a company's establishments: its census record in one estate."""

    empresa_id: uuid.UUID
    poligon_id: str
    adreca: str | None
    codi_postal: str | None
    referencia_cadastral: str | None
    lat: float | None
    lon: float | None
    tinenca: Tinenca | None
    superficie_ocupada_m2: int | None
    seu_social: bool
    estat: Literal["activa", "baixa", "fusionada"]
    data_baixa: date | None = None


class EntitatView(BaseModel):
    """A company as a legal entity, with its establishments in the district's estates."""

    nif: str
    persona_fisica: bool
    forma_juridica: str
    rao_social: str
    nom_comercial: str | None
    cnae: str
    cnae_2025: str | None
    cnae_secundaries: list[str]
    treballadors: int | None
    any_treballadors: int | None
    web: str | None
    establiments: list[EstablimentView]


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


class CorrespondenciaCnae(Command):
    """A main activity in either classification (one of the two)."""

    cnae: str | None = Field(default=None, max_length=10, description="classe CNAE-2009")
    cnae_2025: str | None = Field(default=None, max_length=10, description="classe CNAE-2025")


class Correspondencia(BaseModel):
    cnae: str | None = Field(description="classe CNAE-2009 (buida si la CNAE-2025 en té diverses)")
    cnae_2025: str | None = Field(description="classe CNAE-2025 (buida si la CNAE-2009 en té diverses)")
    nom: str | None = Field(description="la classe CNAE-2009, com la publica la NACE")
