"""Events the census service owns (stream ``CENSUS``, subjects ``districte.census.>``)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import EmailStr, Field

from shared.contracts.envelope import EventData

POLIGON_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class Coordenades(EventData):
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)


class CensusEvent(EventData):
    owner = "census"


class PoligonRegistrat(CensusEvent):
    """An industrial estate entered the district."""

    event_name = "PoligonRegistrat"
    subject_field = "poligon_id"

    poligon_id: str = Field(pattern=POLIGON_ID_PATTERN, max_length=80)
    nom: str = Field(min_length=1, max_length=200)
    estat: Literal["operatiu", "planificat"]
    superficie_m2: int = Field(gt=0)
    centroide: Coordenades


class PoligonActualitzat(PoligonRegistrat):
    """An estate's name, state or surface changed (the whole of it as it is now: a consumer replaces
    what it knew)."""

    event_name = "PoligonActualitzat"


class EnsGestorRegistrat(CensusEvent):
    """A management body now looks after one or more estates."""

    event_name = "EnsGestorRegistrat"
    subject_field = "ens_gestor_id"

    ens_gestor_id: uuid.UUID
    nom: str = Field(min_length=1, max_length=200)
    email: EmailStr
    poligons: list[str] = Field(min_length=1)


class EnsGestorActualitzat(EnsGestorRegistrat):
    """A management body changed: its name, its address or the estates it looks after (the
    whole of it as it is now, so a consumer replaces what it knew)."""

    event_name = "EnsGestorActualitzat"


class EmpresaRegistrada(CensusEvent):
    """A company was added to the census in an estate."""

    event_name = "EmpresaRegistrada"
    subject_field = "empresa_id"

    empresa_id: uuid.UUID
    nif: str = Field(pattern=r"^[0-9A-Z]{9}$")
    rao_social: str = Field(min_length=1, max_length=200)
    nom_comercial: str | None = Field(default=None, max_length=200)
    cnae: str = Field(pattern=r"^[0-9]{4}$")
    cnae_2025: str | None = Field(default=None, pattern=r"^[0-9]{4}$", description="quan se sap o es dedueix")
    poligon_id: str = Field(pattern=POLIGON_ID_PATTERN)
    adreca: str | None = Field(default=None, max_length=300)
    email: EmailStr | None = None
    telefon: str | None = Field(default=None, max_length=30)
    treballadors: int | None = Field(default=None, ge=0)
    importacio_id: uuid.UUID | None = Field(
        default=None, description="la importació que l'ha registrada: se'n dona notícia en un sol resum")


CampEmpresa = Literal["rao_social", "nom_comercial", "cnae", "cnae_2025", "adreca", "email", "telefon", "treballadors",
                      "cnae_secundaries", "any_treballadors", "web", "codi_postal", "referencia_cadastral", "lat",
                      "lon", "tinenca", "superficie_ocupada_m2", "seu_social"]
ValorCamp = bool | int | float | str | list[str] | None


class CanviCamp(EventData):
    """One field of a company's record: what it said, what it says now."""

    camp: CampEmpresa
    abans: ValorCamp
    despres: ValorCamp


class EmpresaActualitzada(CensusEvent):
    """A company's record in the census changed (not its estate: leaving one is a departure)."""

    event_name = "EmpresaActualitzada"
    subject_field = "empresa_id"

    empresa_id: uuid.UUID
    poligon_id: str = Field(pattern=POLIGON_ID_PATTERN)
    rao_social: str = Field(min_length=1, max_length=200, description="la raó social d'ara")
    nom_comercial: str | None = Field(default=None, max_length=200)
    canvis: list[CanviCamp] = Field(min_length=1)
    importacio_id: uuid.UUID | None = Field(
        default=None, description="la importació que l'ha actualitzada: se'n dona notícia en un sol resum")


class EmpresaTraslladada(CensusEvent):
    """A company moved to another estate of the district: one estate loses it, another gains it."""

    event_name = "EmpresaTraslladada"
    subject_field = "empresa_id"

    empresa_id: uuid.UUID
    nom: str | None = Field(default=None, max_length=200,
                            description="buit per a una persona física: el seu nom no es difon")
    poligon_origen: str = Field(pattern=POLIGON_ID_PATTERN)
    adreca_origen: str | None = Field(default=None, max_length=300)
    poligon_desti: str = Field(pattern=POLIGON_ID_PATTERN)
    adreca_desti: str | None = Field(default=None, max_length=300)
    data_trasllat: date


MotiuBaixa = Literal["tancament", "trasllat_fora", "altres"]


class EmpresaDonadaDeBaixa(CensusEvent):
    """A company left its estate: a possible vacancy there."""

    event_name = "EmpresaDonadaDeBaixa"
    subject_field = "empresa_id"

    empresa_id: uuid.UUID
    poligon_id: str = Field(pattern=POLIGON_ID_PATTERN)
    adreca: str | None = Field(default=None, max_length=300)
    nom: str | None = Field(default=None, max_length=200,
                            description="buit per a una persona física: el seu nom no es difon")
    motiu: MotiuBaixa
    municipi_desti: str | None = Field(default=None, max_length=120, description="quan el motiu és trasllat_fora")
    data_baixa: date


class ImportacioPoligon(EventData):
    """What an import changed in one estate."""

    poligon_id: str = Field(pattern=POLIGON_ID_PATTERN)
    noves: int = Field(ge=0)
    actualitzades: int = Field(ge=0)
    mostra: list[str] = Field(default=[], max_length=20,
                              description="noms d'algunes empreses noves (mai de persones físiques)")


class ImportacioCompletada(CensusEvent):
    """A bulk import ended having changed something: each estate's body hears of it once."""

    event_name = "ImportacioCompletada"
    subject_field = "importacio_id"

    importacio_id: uuid.UUID
    nom_fitxer: str = Field(min_length=1, max_length=200)
    acceptades: int = Field(ge=0)
    rebutjades: int = Field(ge=0)
    poligons: list[ImportacioPoligon]


class ContacteSuprimit(CensusEvent):
    """A company's contact person exercised their right to erasure: the census no longer holds their
    data; every service erases its own copies (what it mailed them, their preferences)."""

    event_name = "ContacteSuprimit"
    subject_field = "contacte_id"

    contacte_id: uuid.UUID
    empresa_id: uuid.UUID
    suprimit_el: datetime


class RevisioSollicitada(CensusEvent):
    """Staff asked a company to review its own record: the link it is mailed (to a contact person,
    or to the company's address) lets it confirm or correct the record without an account."""

    event_name = "RevisioSollicitada"
    subject_field = "empresa_id"

    empresa_id: uuid.UUID
    rao_social: str = Field(min_length=1, max_length=200)
    contacte_id: uuid.UUID | None = Field(default=None, description="buit quan s'escriu a l'adreça de l'empresa")
    nom: str = Field(min_length=1, max_length=200, description="a qui s'escriu")
    email: EmailStr
    idioma: Literal["ca", "es", "en"] = "ca"
    token: str = Field(min_length=1, max_length=1000, description="l'enllaç és <portal>/autoservei/<token>")
    caduca_el: datetime
