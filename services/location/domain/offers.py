"""An offer of premises (a nau, a plot, offices) and its life on the market.

Freshness is part of the model: an offer is valid for a number of days after its last
confirmation; an expired one leaves search and matching until it is confirmed again.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, fields, replace
from datetime import date, datetime, timedelta
from typing import Any

from shared.contracts.location import (
    CanviOferta,
    Contacte,
    EstatConservacio,
    EstatOferta,
    MotiuRetirada,
    Operacio,
    TipusImmoble,
)
from shared.contracts.location import (
    Oferta as OfertaContract,
)
from shared.errors import Conflict, FieldError, Invalid
from shared.identifiers import parse_ref_cadastral

# What a PATCH may change; the state changes through confirm/withdraw/reserve.
EDITABLE = ("tipus", "operacio", "poligon_id", "adreca", "ref_cadastral", "superficie_m2",
            "superficie_parcella_m2", "superficie_oficines_m2", "alcada_lliure_m", "potencia_kw",
            "molls_carrega", "acces_trailer", "estat_conservacio", "preu_eur", "preu_lloguer_eur",
            "disponible_des_de", "descripcio", "contacte_nom", "contacte_email", "contacte_telefon")
ON_MARKET: tuple[EstatOferta, ...] = ("disponible", "reservada")


@dataclass
class Oferta:
    oferta_id: uuid.UUID
    tipus: TipusImmoble
    operacio: Operacio
    poligon_id: str
    superficie_m2: int
    estat_conservacio: EstatConservacio
    preu_eur: int
    contacte_nom: str
    contacte_email: str
    confirmada_el: datetime
    caduca_el: datetime
    estat: EstatOferta = "disponible"
    adreca: str | None = None
    ref_cadastral: str | None = None
    superficie_parcella_m2: int | None = None
    superficie_oficines_m2: int | None = None
    alcada_lliure_m: float | None = None
    potencia_kw: float | None = None
    molls_carrega: int | None = None
    acces_trailer: bool | None = None
    preu_lloguer_eur: int | None = None
    disponible_des_de: date | None = None
    descripcio: str | None = None
    contacte_telefon: str | None = None
    # The confirmation the contact was last asked "still available?" about.
    recordatori_de: datetime | None = None

    # -- creation and change ------------------------------------------------------------
    @classmethod
    def nova(cls, values: dict[str, Any], known_poligons: set[str], now: datetime,
             vigencia: timedelta) -> Oferta:
        oferta = cls(oferta_id=uuid.uuid4(), confirmada_el=now, caduca_el=now + vigencia,
                     **_normalised(values))
        oferta._validate(known_poligons)
        return oferta

    def actualitza(self, values: dict[str, Any], known_poligons: set[str]) -> list[CanviOferta]:
        """Apply a partial change; the list of what changed (empty: nothing did)."""
        if self.estat not in ON_MARKET:
            raise Conflict(f"Aquesta oferta ja no és al mercat (estat: {self.estat}).")
        unknown = sorted(set(values) - set(EDITABLE))
        if unknown:
            raise Invalid([FieldError(camp=name, motiu="aquest camp no es pot modificar")
                           for name in unknown])
        changed = replace(self, **_normalised(values))
        changed._validate(known_poligons)
        canvis = [CanviOferta(camp=name, abans=_plain(getattr(self, name)), ara=_plain(getattr(changed, name)))
                  for name in values if getattr(self, name) != getattr(changed, name)]
        for name in values:
            setattr(self, name, getattr(changed, name))
        return canvis

    def _validate(self, known_poligons: set[str]) -> None:
        errors: list[FieldError] = []
        if self.poligon_id not in known_poligons:
            errors.append(FieldError(camp="poligon_id", motiu=f"el polígon '{self.poligon_id}' no existeix"))
        if self.ref_cadastral is not None:
            try:
                self.ref_cadastral = parse_ref_cadastral(self.ref_cadastral)
            except ValueError as exc:
                errors.append(FieldError(camp="ref_cadastral", motiu=f"referència cadastral no vàlida: {exc}"))
        if self.preu_lloguer_eur is not None and self.operacio != "lloguer_o_venda":
            errors.append(FieldError(camp="preu_lloguer_eur",
                                     motiu="només s'indica quan l'operació és lloguer_o_venda"))
        if self.operacio == "lloguer_o_venda" and self.preu_lloguer_eur is None:
            errors.append(FieldError(camp="preu_lloguer_eur",
                                     motiu="cal el lloguer mensual quan l'operació és lloguer_o_venda "
                                           "(preu_eur és llavors el preu de venda)"))
        if self.superficie_oficines_m2 is not None and self.superficie_oficines_m2 > self.superficie_m2:
            errors.append(FieldError(camp="superficie_oficines_m2",
                                     motiu="no pot superar la superfície construïda"))
        if self.tipus == "solar" and self.superficie_parcella_m2 is not None \
                and self.superficie_parcella_m2 < self.superficie_m2:
            errors.append(FieldError(camp="superficie_parcella_m2",
                                     motiu="un solar no pot tenir menys parcel·la que superfície"))
        if errors:
            raise Invalid(errors)

    # -- the market -------------------------------------------------------------------------
    @property
    def al_mercat(self) -> bool:
        return self.estat == "disponible"

    def confirma(self, now: datetime, vigencia: timedelta) -> bool:
        """Still available: renew its validity. True if it came back from having expired."""
        if self.estat not in (*ON_MARKET, "caducada"):
            raise Conflict(f"Aquesta oferta ja no és al mercat (estat: {self.estat}).")
        tornada = self.estat == "caducada"
        self.confirmada_el, self.caduca_el = now, now + vigencia
        if tornada:
            self.estat = "disponible"
        return tornada

    def retira(self, motiu: MotiuRetirada) -> None:
        if self.estat not in (*ON_MARKET, "caducada"):
            raise Conflict(f"Aquesta oferta ja s'havia retirat (estat: {self.estat}).")
        self.estat = motiu

    def reserva(self, reservada: bool) -> None:
        if self.estat not in ON_MARKET:
            raise Conflict(f"Aquesta oferta ja no és al mercat (estat: {self.estat}).")
        self.estat = "reservada" if reservada else "disponible"

    def caducada(self, now: datetime) -> bool:
        return self.estat in ON_MARKET and self.caduca_el <= now

    # -- prices as the two ways of taking premises ----------------------------------------
    @property
    def lloguer_mensual(self) -> int | None:
        if self.operacio == "lloguer":
            return self.preu_eur
        return self.preu_lloguer_eur if self.operacio == "lloguer_o_venda" else None

    @property
    def preu_venda(self) -> int | None:
        return self.preu_eur if self.operacio in ("venda", "lloguer_o_venda") else None

    def contract(self) -> OfertaContract:
        values = {f.name: getattr(self, f.name) for f in fields(self)
                  if not f.name.startswith("contacte_") and f.name != "recordatori_de"}
        return OfertaContract(**values, contacte=Contacte(
            nom=self.contacte_nom, email=self.contacte_email, telefon=self.contacte_telefon))


def _normalised(values: dict[str, Any]) -> dict[str, Any]:
    out = dict(values)
    for name in ("adreca", "descripcio", "contacte_telefon", "ref_cadastral"):
        if isinstance(out.get(name), str):
            out[name] = out[name].strip() or None
    if isinstance(out.get("contacte_email"), str):
        out["contacte_email"] = out["contacte_email"].lower()
    return out


def _plain(value: Any) -> str | int | float | bool | None:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)
