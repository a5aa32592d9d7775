"""Open data the census serves the portal (``districte.rpc.census.*``): legal entities only."""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel, Field

from shared.contracts.api import Command


class LlistarEmpresesObertes(Command):
    """A page of the open companies file, in a stable order (resumed after the last one given)."""

    despres_de: uuid.UUID | None = None
    mida: int = Field(default=5000, ge=1, le=5000)


class EmpresaOberta(BaseModel):
    """What the district publishes of a company: never a sole trader, never a person's data."""

    empresa_id: uuid.UUID
    nif: str
    rao_social: str
    nom_comercial: str | None
    cnae: str
    cnae_2025: str | None
    seccio: str = Field(description="secció CNAE-2009 (lletra)")
    activitat: str = Field(description="divisió CNAE-2009, en català")
    poligon_id: str
    adreca: str | None
    treballadors: str | None = Field(description="tram de plantilla: 0-9, 10-49, 50-249, 250+")
    forma_juridica: str
    codi_postal: str | None
    web: str | None
    registrada_el: date
