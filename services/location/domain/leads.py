"""A lead: one offer that fits one request, at most one per pair, answered by the company."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from services.location.domain.matching import Avaluacio
from services.location.domain.reasons import en_catala
from shared.contracts.location import CoincidenciaTrobada, InteresExpressat, Rao
from shared.errors import Conflict

Resposta = Literal["nova", "m_interessa", "descartada"]


@dataclass
class Coincidencia:
    coincidencia_id: uuid.UUID
    demanda_id: uuid.UUID
    oferta_id: uuid.UUID
    puntuacio: float
    motius: tuple[str, ...]
    versio: int
    preu_referencia: int
    resposta: Resposta
    creada_el: datetime
    actualitzada_el: datetime
    resposta_el: datetime | None = None
    raons: tuple[Rao, ...] = ()  # the reasons as data (leads recorded before: only their words)

    @classmethod
    def nova(cls, demanda_id: uuid.UUID, oferta_id: uuid.UUID, avaluacio: Avaluacio,
             now: datetime) -> Coincidencia:
        raons = avaluacio.raons
        return cls(uuid.uuid4(), demanda_id, oferta_id, avaluacio.puntuacio, tuple(en_catala(r) for r in raons), 1,
                   avaluacio.preu_referencia, "nova", now, now, raons=raons)

    def renova(self, avaluacio: Avaluacio, now: datetime) -> None:
        """A material improvement: the same lead, a new version the company hears about."""
        self.puntuacio, self.raons = avaluacio.puntuacio, avaluacio.raons
        self.motius = tuple(en_catala(rao) for rao in self.raons)
        self.preu_referencia, self.actualitzada_el = avaluacio.preu_referencia, now
        self.versio += 1

    def respon(self, resposta: Literal["m_interessa", "descartada"], now: datetime) -> bool:
        """Record the company's answer; True if it newly expresses interest."""
        if self.resposta == resposta:
            return False
        if self.resposta == "m_interessa":
            raise Conflict("Ja heu expressat interès per aquesta oferta; el contacte ja té les vostres dades.")
        self.resposta, self.resposta_el = resposta, now
        return resposta == "m_interessa"

    def trobada(self, token_m_interessa: str | None = None,
                token_descartada: str | None = None) -> CoincidenciaTrobada:
        return CoincidenciaTrobada(coincidencia_id=self.coincidencia_id, demanda_id=self.demanda_id,
                                   oferta_id=self.oferta_id, puntuacio=self.puntuacio,
                                   motius=list(self.motius), versio=self.versio,
                                   raons=list(self.raons) or [Rao(codi="text", valors={"text": m}) for m in self.motius],
                                   token_m_interessa=token_m_interessa, token_descartada=token_descartada)

    def interes(self) -> InteresExpressat:
        return InteresExpressat(coincidencia_id=self.coincidencia_id, demanda_id=self.demanda_id,
                                oferta_id=self.oferta_id)
