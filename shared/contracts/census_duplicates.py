"""Likely duplicates in the census: what census serves staff about them (``districte.rpc.census.*``)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from shared.contracts.api import Command
from shared.contracts.census_api import EmpresaView

EstatDuplicat = Literal["pendent", "fusionada", "descartada"]


class LlistarDuplicats(Command):
    estat: EstatDuplicat | None = "pendent"
    poligon: str | None = Field(default=None, max_length=80)
    pagina: int = Field(default=1, ge=1)
    mida: int = Field(default=50, ge=1, le=200)


class Decisio(Command):
    """Staff's decision: merge (keeping one of the two records) or dismiss."""

    decisio: Literal["fusionar", "descartar"]
    conservar: uuid.UUID | None = Field(default=None, description="en fusionar: la fitxa que es conserva")


class ResoldreDuplicat(Decisio):
    duplicat_id: uuid.UUID
    usuari: str = Field(min_length=1, max_length=200, description="qui ho decideix")


class DesferDuplicat(Command):
    duplicat_id: uuid.UUID
    usuari: str = Field(min_length=1, max_length=200)


class EvidenciaView(BaseModel):
    codi: str
    detall: str


class DuplicatView(BaseModel):
    duplicat_id: uuid.UUID
    puntuacio: float = Field(description="0–1: com de probable és que siguin la mateixa empresa")
    evidencies: list[EvidenciaView]
    estat: EstatDuplicat
    empresa: EmpresaView = Field(description="la fitxa més nova")
    altra: EmpresaView = Field(description="la que ja era al cens")
    detectat_el: datetime
    conservada_id: uuid.UUID | None
    resolt_el: datetime | None
    resolt_per: str | None
    desfet: str | None = Field(description="la darrera decisió desfeta: què, qui i quan; qui la va desfer i quan")
