"""People with an account on the portal: who they are, what they may see, and their passwords' rules."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from services.portal.domain.access import Principal, Rol
from shared.identifiers import parse_nif

MIN_PASSWORD = 12
MAX_PASSWORD = 256
SESSION_LIFETIME = timedelta(hours=12)
INVITATION_LIFETIME = timedelta(days=7)
RESET_LIFETIME = timedelta(hours=2)
# Failed sign-ins allowed per address, and per client, in a window before the next ones wait.
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
# How long counted attempts are kept: the longest window any counter looks back (enquiries: an hour).
ATTEMPTS_KEPT = timedelta(hours=1)


class EstatCompte(StrEnum):
    CONVIDAT = "convidat"      # invited; chooses a password from the mailed link
    ACTIU = "actiu"
    DESACTIVAT = "desactivat"  # closed by staff: no sign-in, no session, no mail of their role


@dataclass(frozen=True)
class Usuari:
    usuari_id: str
    email: str
    nom: str
    rol: Rol
    idioma: str
    estat: EstatCompte
    credencials_el: datetime
    poligons: tuple[str, ...] = ()
    nif: str | None = None
    contrasenya_hash: str | None = field(default=None, repr=False)
    convidat_per: str | None = None
    creat_el: datetime | None = None
    darrera_entrada_el: datetime | None = None

    def principal(self) -> Principal:
        return Principal(token_id=f"usuari:{self.usuari_id}", nom=self.nom, rol=self.rol, email=self.email,
                         poligons=self.poligons, nif=self.nif)


def password_problem(password: str, email: str) -> str | None:
    """Why a chosen password is refused (a code the page words), or None.

    Length is what makes a password strong (NIST SP 800-63B): no composition rules."""
    if len(password) < MIN_PASSWORD:
        return "massa_curta"
    if len(password) > MAX_PASSWORD:
        return "massa_llarga"
    lowered = password.lower()
    if email.lower() in lowered or email.split("@")[0].lower() == lowered:
        return "com_adreca"
    if len(set(password)) < 4:
        return "massa_simple"
    return None


def invitation_problems(rol: str, poligons: Iterable[str], nif: str | None, known: Collection[str]) -> dict[str, str]:
    """Why an invitation's role fields are refused, by field (codes the page words and the API explains).

    An ens gestor looks after at least one known estate; a company or an owner is a NIF/CIF."""
    chosen = tuple(poligons)
    problems: dict[str, str] = {}
    if rol not in {r.value for r in Rol}:
        problems["rol"] = "opcio"
    if any(p not in known for p in chosen):
        problems["poligons"] = "opcio"
    elif rol == Rol.ENS_GESTOR and not chosen:
        problems["poligons"] = "cal_poligon"
    if rol in (Rol.EMPRESA, Rol.PROPIETARI):
        try:
            parse_nif(nif or "")
        except ValueError:
            problems["nif"] = "nif_no_valid"
    return problems
