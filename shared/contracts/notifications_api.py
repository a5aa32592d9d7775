"""Commands and queries the notifications service serves to the portal
(``districte.rpc.notifications.*``): feeds, preferences, unsubscribing."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from shared.contracts.api import Command

SERVICE = "notifications"

# What a notification is about: the template it is written from and the kind a recipient
# chooses to receive or not.
TipusNotificacio = Literal[
    "empresa_registrada",           # a company arrived in an estate (its ens gestor)
    "empresa_modificada",           # a company's record changed (its ens gestor)
    "empresa_baixa",                # a company left an estate (its ens gestor)
    "empresa_traslladada",          # a company moved between two estates (both ens gestors)
    "importacio_empreses",          # a bulk import changed an estate's census (its ens gestor, once)
    "vacant_possible",              # ... and so staff may have premises to verify
    "nau_disponible",               # premises on the market (staff, the estate's ens gestor)
    "coincidencia_trobada",         # a lead for a company's request
    "resum_coincidencies",          # the daily or weekly digest of leads
    "oferta_retirada",              # an offer a company had a lead on is gone
    "oferta_per_caducar",           # "still available?" (the offer's contact)
    "interes_expressat",            # a company is interested (the offer's contact)
    "demanda_per_confirmar",        # confirm the request filed without an account
    "oferta_externa_rebutjada",     # a partner's offer was refused (its technical contact)
    "empresa_externa_rebutjada",    # a partner's company record was refused (its technical contact)
    "revisio_empresa",              # staff ask a company to review its census record (a signed link)
    "demanda_sense_coincidencies",  # a request found nothing for weeks (staff)
    "webhook_desactivat",           # a webhook kept failing and was disabled (its owner)
    "missatges_morts",              # messages no service could handle wait for someone (staff)
    "compte_invitacio",             # staff invited someone to the portal (a signed link to choose a password)
    "compte_restabliment",          # someone asked to choose a new password (a signed link)
    "consulta_oferta",              # someone asked about an offer from the portal (the offer's contact)
]
TIPUS_NOTIFICACIO: tuple[str, ...] = TipusNotificacio.__args__  # type: ignore[attr-defined]
Canal = Literal["email", "app", "webhook"]
Frequencia = Literal["immediata", "diaria", "setmanal"]
Idioma = Literal["ca", "es", "en"]
# Who a recipient is to the district: it decides what they receive unless they chose.
RolDestinatari = Literal["ens_gestor", "personal_tecnic", "empresa", "contacte"]


class Preferencies(BaseModel):
    """What a recipient wants to receive, where and how often."""

    model_config = ConfigDict(extra="forbid")

    tipus: list[TipusNotificacio] = Field(
        description="tipus de notificació que es volen rebre; buit: cap")
    poligons: list[str] | None = Field(
        default=None, max_length=50, description="només aquests polígons (per als avisos d'un polígon); null: tots")
    canals: list[Canal] = Field(min_length=1, description="on es reben: correu (email), el portal (app), "
                                                           "els webhooks registrats (webhook)")
    frequencia: Frequencia = "immediata"
    hora_resum: int = Field(default=8, ge=0, le=23, description="hora del resum (Europe/Madrid)")
    idioma: Idioma = "ca"
    consentiment: bool = Field(
        default=False, description="una empresa accepta rebre avisos (sense consentiment, cap avís)")


class PreferenciesView(Preferencies):
    destinatari: str
    rol: RolDestinatari
    desades: bool = Field(description="false: són les de per defecte del rol")


class ObtenirPreferencies(Command):
    destinatari: EmailStr
    rol: RolDestinatari


class DesarPreferencies(Command, Preferencies):
    destinatari: EmailStr
    rol: RolDestinatari

    def preferencies(self) -> Preferencies:
        return Preferencies.model_validate(self.model_dump(exclude={"destinatari", "rol"}))


class RegistrarDestinatari(Command):
    """Someone with a portal account who receives notifications: staff users hear what staff hear."""

    destinatari: EmailStr
    nom: str = Field(min_length=1, max_length=200)
    rol: RolDestinatari


class DonarDeBaixaDestinatari(Command):
    """An account closed: the person no longer hears what their role hears."""

    destinatari: EmailStr


AvisCompte = Literal["compte_invitacio", "compte_restabliment"]


class EnviarAvisCompte(Command):
    """A mail about a person's own portal account: sent whatever their preferences, in their language.
    ``avis_id`` makes asking twice send it once."""

    avis_id: uuid.UUID
    tipus: AvisCompte
    destinatari: EmailStr
    nom: str = Field(min_length=1, max_length=200)
    rol: RolDestinatari
    idioma: Idioma = "ca"
    enllac: str = Field(min_length=1, max_length=2000)
    caduca_el: datetime
    convidat_per: str | None = Field(default=None, max_length=200)


class AvisEnviat(BaseModel):
    avis_id: uuid.UUID
    destinatari: str


class OfertaConsultada(BaseModel):
    oferta_id: uuid.UUID
    tipus: str
    superficie_m2: int
    poligon: str = Field(description="el nom del polígon")
    adreca: str | None = None


class EnviarConsulta(Command):
    """A visitor's question about an offer, for the offer's contact (who answers the visitor directly).
    ``consulta_id`` makes asking twice send it once."""

    consulta_id: uuid.UUID
    destinatari: EmailStr
    nom_destinatari: str = Field(min_length=1, max_length=200)
    oferta: OfertaConsultada
    nom: str = Field(min_length=1, max_length=200)
    email: EmailStr
    telefon: str | None = Field(default=None, max_length=30)
    missatge: str = Field(min_length=1, max_length=2000)


class LlistarNotificacions(Command):
    destinatari: str | None = Field(default=None, max_length=320)
    canal: Canal | None = None
    tipus: TipusNotificacio | None = None
    estat: Literal["pendent", "enviada", "fallida"] | None = None
    llegida: bool | None = None
    pagina: int = Field(default=1, ge=1)
    mida: int = Field(default=50, ge=1, le=200)


class NotificacioView(BaseModel):
    notificacio_id: uuid.UUID
    tipus: str
    canal: str
    destinatari: str
    assumpte: str
    cos_text: str
    causa: uuid.UUID
    estat: str
    intents: int
    darrer_error: str | None
    creada_el: datetime
    enviada_el: datetime | None
    llegida_el: datetime | None


class MarcarLlegida(Command):
    notificacio_id: uuid.UUID
    destinatari: EmailStr


class DonarDeBaixa(Command):
    token: str = Field(min_length=1, max_length=1000)
    tot: bool = Field(default=False, description="de tots els avisos, no només del tipus de l'enllaç")


class BaixaFeta(BaseModel):
    destinatari: str
    tipus: str | None = Field(description="el tipus del qual s'ha donat de baixa; null: de tots")
    missatge: str



class NouWebhook(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    url: str = Field(min_length=1, max_length=2000, description="http:// o https://; hi arriba un POST per avís")
    tipus: list[TipusNotificacio] | None = Field(default=None, description="només aquests tipus; null: tots")
    descripcio: str | None = Field(default=None, max_length=200)


class RegistrarWebhook(Command, NouWebhook):
    propietari: EmailStr
    rol: RolDestinatari


class WebhookRef(Command):
    webhook_id: uuid.UUID
    propietari: EmailStr | None = Field(default=None, description="null: el personal tècnic, qualsevol")


class LlistarWebhooks(Command):
    propietari: EmailStr | None = None


class WebhookView(BaseModel):
    webhook_id: uuid.UUID
    propietari: str
    url: str
    tipus: list[str] | None
    descripcio: str | None
    actiu: bool
    fallades_seguides: int
    desactivat_el: datetime | None
    motiu_desactivacio: str | None
    creat_el: datetime


class WebhookCreat(WebhookView):
    secret: str = Field(description="signa els lliuraments (Standard Webhooks); es mostra només ara")


class ResultatProva(BaseModel):
    lliurat: bool
    codi_http: int | None
    error: str | None
