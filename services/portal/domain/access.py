"""Roles, API tokens and who is calling."""

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
    """Who is calling: a named token, or a person signed in, with one role; for people who receive
    notifications, the address they receive them at."""

    token_id: str
    nom: str
    rol: Rol
    email: str | None = None
    # Scope: an ens gestor's estates; a company's (or an owner's) NIF.
    poligons: tuple[str, ...] = ()
    nif: str | None = None

    @property
    def is_staff(self) -> bool:
        return self.rol is Rol.PERSONAL_TECNIC


def new_token() -> str:
    return "dst_" + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    # Tokens are long random strings, so a plain digest is enough to keep them unusable at rest.
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


# Whose default notifications a caller gets: an owner or agent is the contact of its offers.
RECIPIENT_ROLE = {Rol.PERSONAL_TECNIC: "personal_tecnic", Rol.ENS_GESTOR: "ens_gestor",
                  Rol.EMPRESA: "empresa", Rol.PROPIETARI: "contacte"}
