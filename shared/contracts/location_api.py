"""Commands and queries the location service serves to the portal (``districte.rpc.location.*``)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, EmailStr, Field, field_validator

from shared.contracts.api import Command, Pagina
from shared.contracts.location import (
    Contacte,
    Demanda,
    EstatConservacio,
    FrequenciaAlertes,
    MotiuDemanda,
    MotiuRetirada,
    Oferta,
    Operacio,
    ResultatDemanda,
    TipusImmoble,
)

SERVICE = "location"
__all__ = ["Pagina"]

PHONE = r"^\+?[0-9 ().-]{6,30}$"
Metres = Field(gt=0, le=1_000_000)


class ContacteEntrada(Command):
    nom: str = Field(min_length=1, max_length=200)
    email: EmailStr
    telefon: str | None = Field(default=None, max_length=30, pattern=PHONE)


class _OfertaCamps(Command):
    adreca: str | None = Field(default=None, max_length=300)
    ref_cadastral: str | None = Field(default=None, max_length=30, description="20 caràcters, p. ex. 9872023VH5797S0001WX")
    superficie_parcella_m2: int | None = Field(default=None, gt=0, le=10_000_000)
    superficie_oficines_m2: int | None = Field(default=None, ge=0, le=1_000_000)
    alcada_lliure_m: float | None = Field(default=None, gt=0, le=100)
    potencia_kw: float | None = Field(default=None, ge=0, le=100_000)
    molls_carrega: int | None = Field(default=None, ge=0, le=500)
    acces_trailer: bool | None = None
    preu_lloguer_eur: int | None = Field(default=None, gt=0, le=10_000_000)
    disponible_des_de: date | None = None
    descripcio: str | None = Field(default=None, max_length=5000)


class PublicarOferta(_OfertaCamps):
    tipus: TipusImmoble
    operacio: Operacio
    poligon_id: str = Field(min_length=1, max_length=80)
    superficie_m2: int = Field(gt=0, le=1_000_000, description="superfície construïda")
    estat_conservacio: EstatConservacio
    preu_eur: int = Field(gt=0, le=1_000_000_000, description="total si és venda, mensual si és lloguer")
    contacte: ContacteEntrada


class CanvisContacte(Command):
    nom: str | None = Field(default=None, min_length=1, max_length=200)
    email: EmailStr | None = None
    telefon: str | None = Field(default=None, max_length=30, pattern=PHONE)


class CanvisOferta(_OfertaCamps):
    """Only the fields present change; ``estat`` reserves an offer or puts it back."""

    tipus: TipusImmoble | None = None
    operacio: Operacio | None = None
    poligon_id: str | None = Field(default=None, min_length=1, max_length=80)
    superficie_m2: int | None = Field(default=None, gt=0, le=1_000_000)
    estat_conservacio: EstatConservacio | None = None
    preu_eur: int | None = Field(default=None, gt=0, le=1_000_000_000)
    contacte: CanvisContacte | None = None
    estat: Literal["disponible", "reservada"] | None = None

    @field_validator("tipus", "operacio", "poligon_id", "superficie_m2", "estat_conservacio",
                     "preu_eur", "contacte", "estat")
    @classmethod
    def _not_emptied(cls, value: object) -> object:
        # Runs only for fields the request names: leaving one out keeps it, null would erase it.
        if value is None:
            raise ValueError("aquest camp és obligatori: no es pot buidar")
        return value


class ActualitzarOferta(CanvisOferta):
    oferta_id: uuid.UUID


class OfertaRef(Command):
    oferta_id: uuid.UUID


class Retirada(Command):
    motiu: MotiuRetirada = "retirada"


class RetirarOferta(Retirada):
    oferta_id: uuid.UUID


class LlistarOfertes(Command):
    tipus: TipusImmoble | None = None
    operacio: Literal["lloguer", "venda"] | None = None
    poligon: str | None = None
    superficie_min: int | None = Field(default=None, ge=0)
    superficie_max: int | None = Field(default=None, ge=0)
    preu_min: int | None = Field(default=None, ge=0)
    preu_max: int | None = Field(default=None, ge=0)
    alcada_min: float | None = Field(default=None, ge=0)
    estat_conservacio: EstatConservacio | None = Field(default=None, description="el pitjor acceptat")
    ordre: Literal["preu", "-preu", "superficie", "-superficie", "data", "-data"] = "-data"
    pagina: int = Field(default=1, ge=1)
    mida: int = Field(default=50, ge=1, le=200)
    # Staff see offers off the market too (withdrawn, expired, let, sold), and obsolete units,
    # which are never shown to the public as available stock.
    inclou_fora_mercat: bool = False
    inclou_obsoletes: bool = False
    contacte_email: str | None = Field(default=None, max_length=320, description="an owner's own offers")


class EmpresaEntrada(Command):
    nom: str = Field(min_length=1, max_length=200)
    nif: str | None = Field(default=None, max_length=20)
    email: EmailStr
    telefon: str | None = Field(default=None, max_length=30, pattern=PHONE)


class DemandaEntrada(Command):
    """A request for premises as a company or staff files it."""

    empresa: EmpresaEntrada
    consentiment: bool = Field(description="l'empresa accepta que la contactin amb les ofertes que encaixin")
    tipus: list[TipusImmoble] = Field(min_length=1, max_length=3)
    operacio: Operacio
    superficie_min_m2: int = Field(gt=0, le=1_000_000)
    superficie_max_m2: int | None = Field(default=None, gt=0, le=1_000_000)
    preu_max_eur: int | None = Field(default=None, gt=0, le=1_000_000_000)
    preu_max_venda_eur: int | None = Field(default=None, gt=0, le=1_000_000_000)
    poligons: list[str] = Field(default_factory=list, max_length=50)
    alcada_min_m: float | None = Field(default=None, gt=0, le=100)
    potencia_min_kw: float | None = Field(default=None, ge=0, le=100_000)
    molls_min: int | None = Field(default=None, ge=0, le=500)
    acces_trailer: bool = False
    accepta_estat: EstatConservacio = "bo"
    motiu: MotiuDemanda
    frequencia_alertes: FrequenciaAlertes = "immediata"


class RegistrarDemanda(DemandaEntrada):
    # Set by the portal: staff vouch for the company; anyone else confirms by mail first.
    verificada: bool = False


class UsarEnllac(Command):
    token: str = Field(min_length=10, max_length=1000)


class ResultatEnllac(BaseModel):
    accio: Literal["confirmar_oferta", "retirar_oferta", "confirmar_demanda", "m_interessa", "descartada"]
    id: uuid.UUID
    missatge: str


class EstadistiquesDemandes(BaseModel):
    """What became of the requests: how many companies settled in Terrassa, how many left."""

    per_estat: dict[str, int]
    per_resultat: dict[str, int]
    per_motiu: dict[str, int]
    sense_coincidencies: int
    coincidencies_setmana: int = Field(default=0, description="coincidències trobades els darrers 7 dies")


class DemandaRef(Command):
    demanda_id: uuid.UUID


class LlistarDemandes(Command):
    estat: Literal["pendent", "activa", "tancada"] | None = None
    # A company's own requests: by the address it gave, or its NIF (either matches).
    empresa_email: str | None = Field(default=None, max_length=320)
    empresa_nif: str | None = Field(default=None, max_length=20)
    pagina: int = Field(default=1, ge=1)
    mida: int = Field(default=50, ge=1, le=200)


class Tancament(Command):
    resultat: ResultatDemanda


class TancarDemanda(Tancament):
    demanda_id: uuid.UUID


class Resposta(Command):
    resposta: Literal["m_interessa", "descartada"]


class RespondreCoincidencia(Resposta):
    coincidencia_id: uuid.UUID


class OfertaView(Oferta):
    """An offer as the portal shows it: the contact only to staff."""

    contacte: Contacte | None = None  # type: ignore[assignment]


class DemandaView(Demanda):
    estat: Literal["pendent", "activa", "tancada"]
    resultat: ResultatDemanda | None = None
    registrada_el: datetime
    tancada_el: datetime | None = None


class CoincidenciaView(BaseModel):
    coincidencia_id: uuid.UUID
    demanda_id: uuid.UUID
    puntuacio: float
    motius: list[str]
    versio: int
    resposta: Literal["nova", "m_interessa", "descartada"]
    oferta: Oferta
    actualitzada_el: datetime


class LlistarVacants(Command):
    estat: Literal["per_verificar", "confirmada", "descartada"] | None = None
    poligon: str | None = Field(default=None, max_length=80)
    pagina: int = Field(default=1, ge=1)
    mida: int = Field(default=50, ge=1, le=200)


class Resolucio(Command):
    """What staff found: the premises are free (``confirmada``; with the offer published for
    them, if any) or they are not (``descartada``)."""

    resultat: Literal["confirmada", "descartada"]
    oferta_id: uuid.UUID | None = None


class ResoldreVacant(Resolucio):
    vacant_id: uuid.UUID


class VacantView(BaseModel):
    vacant_id: uuid.UUID
    empresa_id: uuid.UUID
    poligon_id: str
    adreca: str | None
    empresa_nom: str | None
    motiu: str
    municipi_desti: str | None
    data_baixa: date
    detectada_el: datetime
    estat: Literal["per_verificar", "confirmada", "descartada"]
    oferta_id: uuid.UUID | None
    resolta_el: datetime | None
