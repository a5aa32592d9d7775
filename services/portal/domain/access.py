"""Roles and API tokens."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from enum import StrEnum


class Rol(StrEnum):
    PERSONAL_TECNIC = "personal_tecnic"
    ENS_GESTOR = "ens_gestor"
    EMPRESA = "empresa"
    PROPIETARI = "propietari"


@dataclass(frozen=True)
class Principal:
    """Who is calling: a named token with one role."""

    token_id: str
    nom: str
    rol: Rol

    @property
    def is_staff(self) -> bool:
        return self.rol is Rol.PERSONAL_TECNIC


def new_token() -> str:
    return "dst_" + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    # Tokens are long random strings, so a plain digest is enough to keep them unusable at rest.
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
