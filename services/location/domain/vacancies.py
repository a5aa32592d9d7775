"""A possible vacancy: a company left its estate, so its premises may be free — staff find out."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from shared.errors import Conflict

EstatVacant = Literal["per_verificar", "confirmada", "descartada"]
Resolucio = Literal["confirmada", "descartada"]


@dataclass
class VacantPossible:
    vacant_id: uuid.UUID
    empresa_id: uuid.UUID  # one per departure: a redelivered event finds it already there
    poligon_id: str
    adreca: str | None
    empresa_nom: str | None  # None for a sole trader
    motiu: str
    municipi_desti: str | None
    data_baixa: date
    detectada_el: datetime
    estat: EstatVacant = "per_verificar"
    oferta_id: uuid.UUID | None = None  # the offer staff published for it, once confirmed
    resolta_el: datetime | None = None

    def resol(self, resolucio: Resolucio, oferta_id: uuid.UUID | None, now: datetime) -> None:
        """Staff went to see: the premises are free (and maybe on offer now), or they are not."""
        if self.estat != "per_verificar":
            raise Conflict(f"Aquesta possible vacant ja està resolta ({self.estat}).")
        if oferta_id is not None and resolucio != "confirmada":
            raise Conflict("Només una vacant confirmada pot tenir una oferta publicada.")
        self.estat, self.oferta_id, self.resolta_el = resolucio, oferta_id, now
