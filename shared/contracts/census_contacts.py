"""A company's named contact persons (``districte.rpc.census.*``): professional contact data only,
with the person's rights of access and erasure (GDPR arts. 15 and 17, LOPDGDD)."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, EmailStr, Field

from shared.contracts.api import Command
from shared.contracts.census_api import EntradaAuditoria

PHONE_PATTERN = r"^\+?[0-9 ().-]{6,30}$"


class NouContacte(Command):
    """A person the district may contact at the company, at work: name, position, work mail and phone
    (one of them at least)."""

    nom: str = Field(min_length=1, max_length=200)
    carrec: str | None = Field(default=None, max_length=120, description="p. ex. Gerent, Responsable de manteniment")
    email: EmailStr | None = None
    telefon: str | None = Field(default=None, max_length=30, pattern=PHONE_PATTERN)


class AfegirContacte(NouContacte):
    empresa_id: uuid.UUID


class ContacteRef(Command):
    empresa_id: uuid.UUID
    contacte_id: uuid.UUID


class LlistarContactes(Command):
    empresa_id: uuid.UUID


class ContacteView(BaseModel):
    contacte_id: uuid.UUID
    empresa_id: uuid.UUID
    nom: str | None = Field(description="buit un cop suprimit")
    carrec: str | None
    email: str | None
    telefon: str | None
    creat_el: datetime
    suprimit_el: datetime | None = None


class Tractament(BaseModel):
    """What the person is told of the processing of their data (GDPR art. 15.1)."""

    responsable: str
    finalitat: str
    base_juridica: str
    destinataris: str
    conservacio: str
    origen: str
    drets: str


class ExportacioContacte(BaseModel):
    """Everything the census holds about one contact person, for them (right of access)."""

    contacte: ContacteView
    empresa: dict[str, str] = Field(description="l'empresa on treballa: identificador i raó social")
    tractament: Tractament
    historial: list[EntradaAuditoria]
    exportat_el: datetime
