"""A company's request for premises, from filing to its outcome."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from shared.contracts.location import (
    Demanda as DemandaContract,
)
from shared.contracts.location import (
    EmpresaDemandant,
    EstatConservacio,
    FrequenciaAlertes,
    MotiuDemanda,
    Operacio,
    ResultatDemanda,
    TipusImmoble,
)
from shared.errors import Conflict, FieldError, Invalid
from shared.identifiers import parse_nif

# "pendent": filed without an account, waiting for its company to confirm by mail.
EstatDemanda = Literal["pendent", "activa", "tancada"]


@dataclass
class Demanda:
    demanda_id: uuid.UUID
    empresa_nom: str
    empresa_email: str
    tipus: tuple[TipusImmoble, ...]
    operacio: Operacio
    superficie_min_m2: int
    motiu: MotiuDemanda
    registrada_el: datetime
    empresa_nif: str | None = None
    empresa_telefon: str | None = None
    superficie_max_m2: int | None = None
    preu_max_eur: int | None = None
    preu_max_venda_eur: int | None = None
    poligons: tuple[str, ...] = ()
    alcada_min_m: float | None = None
    potencia_min_kw: float | None = None
    molls_min: int | None = None
    acces_trailer: bool = False
    accepta_estat: EstatConservacio = "bo"
    frequencia_alertes: FrequenciaAlertes = "immediata"
    estat: EstatDemanda = "activa"
    resultat: ResultatDemanda | None = None
    tancada_el: datetime | None = field(default=None)
    sense_coincidencies_el: datetime | None = None

    @classmethod
    def nova(cls, values: dict[str, Any], consentiment: bool, known_poligons: set[str],
             now: datetime, verificada: bool) -> Demanda:
        """Validate everything at once so the company learns every bad field in one answer."""
        errors: list[FieldError] = []
        if not consentiment:
            errors.append(FieldError(camp="consentiment", motiu="cal acceptar que us contactin amb "
                                     "les ofertes que encaixin; sense consentiment no es pot registrar"))
        values = dict(values, tipus=tuple(dict.fromkeys(values["tipus"])),
                      poligons=tuple(dict.fromkeys(values.get("poligons") or ())),
                      empresa_email=values["empresa_email"].lower())
        if values.get("empresa_nif"):
            try:
                values["empresa_nif"] = parse_nif(values["empresa_nif"]).value
            except ValueError as exc:
                errors.append(FieldError(camp="empresa.nif", motiu=f"NIF/CIF no vàlid: {exc}"))
        maximum = values.get("superficie_max_m2")
        if maximum is not None and maximum < values["superficie_min_m2"]:
            errors.append(FieldError(camp="superficie_max_m2",
                                     motiu="la superfície màxima no pot ser menor que la mínima"))
        if values.get("preu_max_venda_eur") is not None and values["operacio"] != "lloguer_o_venda":
            errors.append(FieldError(camp="preu_max_venda_eur", motiu="només s'indica quan l'operació "
                                     "és lloguer_o_venda (si no, el pressupost és preu_max_eur)"))
        unknown = [p for p in values["poligons"] if p not in known_poligons]
        if unknown:
            errors.append(FieldError(camp="poligons", motiu=f"polígon desconegut: {', '.join(unknown)}"))
        if errors:
            raise Invalid(errors)
        return cls(demanda_id=uuid.uuid4(), registrada_el=now,
                   estat="activa" if verificada else "pendent", **values)

    @property
    def activa(self) -> bool:
        return self.estat == "activa"

    def confirma(self) -> None:
        """Its company confirmed the address: the request becomes active."""
        if self.estat != "pendent":
            raise Conflict("Aquesta demanda ja estava confirmada.")
        self.estat = "activa"

    def tanca(self, resultat: ResultatDemanda, now: datetime) -> None:
        if self.estat == "tancada":
            raise Conflict("Aquesta demanda ja està tancada.")
        self.estat, self.resultat, self.tancada_el = "tancada", resultat, now

    def contract(self) -> DemandaContract:
        return DemandaContract(
            demanda_id=self.demanda_id,
            empresa=EmpresaDemandant(nom=self.empresa_nom, nif=self.empresa_nif,
                                     email=self.empresa_email, telefon=self.empresa_telefon),
            tipus=list(self.tipus), operacio=self.operacio, superficie_min_m2=self.superficie_min_m2,
            superficie_max_m2=self.superficie_max_m2, preu_max_eur=self.preu_max_eur,
            preu_max_venda_eur=self.preu_max_venda_eur, poligons=list(self.poligons),
            alcada_min_m=self.alcada_min_m, potencia_min_kw=self.potencia_min_kw,
            molls_min=self.molls_min, acces_trailer=self.acces_trailer,
            accepta_estat=self.accepta_estat, motiu=self.motiu,
            frequencia_alertes=self.frequencia_alertes)
