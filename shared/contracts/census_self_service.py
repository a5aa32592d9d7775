"""A company reviews its own census record from a signed link, without an account
(``districte.rpc.census.*``): it sees it, confirms it is current, or corrects it."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from shared.contracts.api import Command
from shared.contracts.census_api import CanvisEmpresa, EmpresaView


class PeticioRevisio(Command):
    contacte_id: uuid.UUID | None = Field(
        default=None, description="la persona de contacte a qui s'escriu; si no, a l'adreça de l'empresa")
    idioma: Literal["ca", "es", "en"] = "ca"


class SollicitarRevisio(PeticioRevisio):
    empresa_id: uuid.UUID


class RevisioEnviada(BaseModel):
    empresa_id: uuid.UUID
    destinatari: str = Field(description="el nom de qui rebrà l'enllaç")
    caduca_el: datetime


class Autoservei(Command):
    token: str = Field(min_length=1, max_length=1000)


class CorreccioAutoservei(CanvisEmpresa):
    token: str = Field(min_length=1, max_length=1000)


class FitxaAutoservei(BaseModel):
    """The company's record as it is shown to the company, and until when the link works."""

    empresa: EmpresaView
    poligon: str
    caduca_el: datetime
