"""Events the location service owns (stream ``LOCATION``, subjects ``districte.location.>``):
the offer of premises, companies' requests for premises, and the leads matching them."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from shared.contracts.census import POLIGON_ID_PATTERN
from shared.contracts.envelope import EventData

TipusImmoble = Literal["nau", "solar", "oficina"]
Operacio = Literal["lloguer", "venda", "lloguer_o_venda"]
# From best to worst; a demand accepts its ``accepta_estat`` and everything better.
EstatConservacio = Literal["nou", "bo", "a_reformar", "obsolet"]
ESTATS_CONSERVACIO: tuple[EstatConservacio, ...] = ("nou", "bo", "a_reformar", "obsolet")
EstatOferta = Literal["disponible", "reservada", "llogada", "venuda", "retirada", "caducada"]
MotiuRetirada = Literal["llogada", "venuda", "retirada", "caducada"]
MotiuDemanda = Literal["ampliacio", "trasllat", "nova_implantacio"]
FrequenciaAlertes = Literal["immediata", "diaria", "setmanal"]
ResultatDemanda = Literal["instal·lada_a_terrassa", "marxa_fora", "desisteix"]


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Contacte(_Part):
    nom: str = Field(min_length=1, max_length=200)
    email: EmailStr
    telefon: str | None = Field(default=None, max_length=30)


class EmpresaDemandant(_Part):
    nom: str = Field(min_length=1, max_length=200)
    nif: str | None = Field(default=None, pattern=r"^[0-9A-Z]{9}$")
    email: EmailStr
    telefon: str | None = Field(default=None, max_length=30)


class Oferta(_Part):
    """An offer of premises as it stands."""

    oferta_id: uuid.UUID
    tipus: TipusImmoble
    operacio: Operacio
    poligon_id: str = Field(pattern=POLIGON_ID_PATTERN)
    adreca: str | None = None
    ref_cadastral: str | None = Field(default=None, pattern=r"^[0-9A-Z]{20}$")
    superficie_m2: int = Field(gt=0, description="superfície construïda")
    superficie_parcella_m2: int | None = Field(default=None, gt=0)
    superficie_oficines_m2: int | None = Field(default=None, ge=0)
    alcada_lliure_m: float | None = Field(default=None, gt=0)
    potencia_kw: float | None = Field(default=None, ge=0)
    molls_carrega: int | None = Field(default=None, ge=0)
    acces_trailer: bool | None = None
    estat_conservacio: EstatConservacio
    preu_eur: int = Field(gt=0, description="total si és venda, mensual si és lloguer")
    preu_lloguer_eur: int | None = Field(default=None, gt=0,
                                         description="lloguer mensual quan l'operació és lloguer_o_venda")
    disponible_des_de: date | None = None
    descripcio: str | None = None
    contacte: Contacte
    confirmada_el: datetime
    caduca_el: datetime
    estat: EstatOferta


class Demanda(_Part):
    """A company's request for premises."""

    demanda_id: uuid.UUID
    empresa: EmpresaDemandant
    tipus: list[TipusImmoble] = Field(min_length=1)
    operacio: Operacio
    superficie_min_m2: int = Field(gt=0)
    superficie_max_m2: int | None = Field(default=None, gt=0)
    preu_max_eur: int | None = Field(default=None, gt=0,
                                     description="mensual si l'operació és lloguer o lloguer_o_venda; total si és venda")
    preu_max_venda_eur: int | None = Field(default=None, gt=0,
                                           description="preu total màxim de compra quan l'operació és lloguer_o_venda")
    poligons: list[str] = Field(default_factory=list, description="buit: qualsevol polígon")
    alcada_min_m: float | None = Field(default=None, gt=0)
    potencia_min_kw: float | None = Field(default=None, ge=0)
    molls_min: int | None = Field(default=None, ge=0)
    acces_trailer: bool = False
    accepta_estat: EstatConservacio = "bo"
    motiu: MotiuDemanda
    frequencia_alertes: FrequenciaAlertes = "immediata"


class LocationEvent(EventData):
    owner = "location"


class NauDisponible(LocationEvent):
    """An offer was published or is back on the market (confirmed again after expiring)."""

    event_name = "NauDisponible"
    subject_field = "oferta.oferta_id"

    oferta: Oferta


class CanviOferta(_Part):
    camp: str
    abans: str | int | float | bool | None
    ara: str | int | float | bool | None


class OfertaActualitzada(LocationEvent):
    """An available offer changed: the offer as it is now, and what changed."""

    event_name = "OfertaActualitzada"
    subject_field = "oferta.oferta_id"

    oferta: Oferta
    canvis: list[CanviOferta] = Field(min_length=1)


class OfertaRetirada(LocationEvent):
    """An offer left the market: let, sold, withdrawn, or expired without confirmation."""

    event_name = "OfertaRetirada"
    subject_field = "oferta_id"

    oferta_id: uuid.UUID
    motiu: MotiuRetirada


class DemandaRegistrada(LocationEvent):
    """A company's request for premises became active."""

    event_name = "DemandaRegistrada"
    subject_field = "demanda.demanda_id"

    demanda: Demanda


class DemandaTancada(LocationEvent):
    """A request for premises was closed, with its outcome."""

    event_name = "DemandaTancada"
    subject_field = "demanda_id"

    demanda_id: uuid.UUID
    resultat: ResultatDemanda


CodiRao = Literal["superficie_minima", "superficie_rang", "preu", "alcada", "potencia", "molls", "trailer",
                  "estat", "text"]


class Rao(EventData):
    """One reason a lead fits, as data, so each reader words it in its own language:
    ``superficie_minima`` (superficie, minim), ``superficie_rang`` (superficie), ``preu`` (operacio,
    preu, pressupost: null if the request set none), ``alcada`` / ``potencia`` / ``molls`` (valor,
    minim), ``trailer``, ``estat`` (estat); ``text`` (text) for leads recorded before reasons were data."""

    codi: CodiRao
    valors: dict[str, float | int | str | None] = Field(default_factory=dict)


class CoincidenciaTrobada(LocationEvent):
    """An offer fits a request (a lead), or a lead got better (``versio`` > 1)."""

    event_name = "CoincidenciaTrobada"
    subject_field = "coincidencia_id"

    coincidencia_id: uuid.UUID
    demanda_id: uuid.UUID
    oferta_id: uuid.UUID
    puntuacio: float = Field(ge=0, le=1)
    motius: list[str] = Field(description="per què encaixa, en català")
    raons: list[Rao] = Field(default_factory=list, description="els mateixos motius com a dades")
    versio: int = Field(ge=1)
    # Signed one-use tokens of the company's two answers, for the links in its mail.
    token_m_interessa: str | None = None
    token_descartada: str | None = None


class InteresExpressat(LocationEvent):
    """The company of a lead wants to know more: the offer's contact gets its details."""

    event_name = "InteresExpressat"
    subject_field = "coincidencia_id"

    coincidencia_id: uuid.UUID
    demanda_id: uuid.UUID
    oferta_id: uuid.UUID


class OfertaPerCaducar(LocationEvent):
    """An offer expires soon unless its contact confirms it: the reminder carries the two
    signed one-use tokens the contact's links are made of (confirm, withdraw)."""

    event_name = "OfertaPerCaducar"
    subject_field = "oferta_id"

    oferta_id: uuid.UUID
    caduca_el: datetime
    token_confirmar: str
    token_retirar: str


class DemandaPerConfirmar(LocationEvent):
    """A request filed without an account waits until its company confirms its address
    with the signed one-use token mailed to it; until then nothing is matched."""

    event_name = "DemandaPerConfirmar"
    subject_field = "demanda_id"

    demanda_id: uuid.UUID
    empresa: EmpresaDemandant
    token_confirmar: str


class DemandaSenseCoincidencies(LocationEvent):
    """A request has found nothing in its first weeks: a signal of demand the district is
    losing, for staff to act on (the request as it stands, and how long it has waited)."""

    event_name = "DemandaSenseCoincidencies"
    subject_field = "demanda.demanda_id"

    demanda: Demanda
    dies: int = Field(ge=1)
