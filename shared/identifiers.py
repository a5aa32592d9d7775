"""Spanish identifiers, validated with python-stdnum: tax ids and cadastral references.

A NIF is a CIF (legal entity) or, for a sole trader, the person's DNI or NIE: then it is
personal data and must never be published.
"""

from __future__ import annotations

from dataclasses import dataclass

from stdnum.es import cif, nif, referenciacatastral
from stdnum.exceptions import ValidationError


@dataclass(frozen=True)
class Nif:
    value: str
    persona_fisica: bool


def parse_nif(raw: str) -> Nif:
    """Normalise and validate; raise ValueError with the reason in Catalan."""
    try:
        value = nif.validate(raw)
    except ValidationError as exc:
        raise ValueError(_reason(exc)) from exc
    return Nif(value=value, persona_fisica=not cif.is_valid(value))


def _reason(exc: ValidationError) -> str:
    name = type(exc).__name__
    return {
        "InvalidChecksum": "la lletra o el dígit de control no és correcte",
        "InvalidLength": "ha de tenir 9 caràcters",
        "InvalidFormat": "el format no correspon a cap NIF, NIE ni CIF",
        "InvalidComponent": "conté una part que no és vàlida",
    }.get(name, "no és un NIF/CIF vàlid")


def parse_ref_cadastral(raw: str) -> str:
    """A cadastral reference (20 characters, both check letters verified), compacted."""
    try:
        return referenciacatastral.validate(raw)
    except ValidationError as exc:
        reason = {
            "InvalidChecksum": "les lletres de control no corresponen a la referència",
            "InvalidLength": "ha de tenir 20 caràcters",
        }.get(type(exc).__name__, "no és una referència cadastral vàlida")
        raise ValueError(reason) from exc


def parse_codi_postal(raw: str) -> str:
    """A Spanish postal code: five digits, the first two a province (01-52)."""
    value = raw.strip()
    if len(value) != 5 or not value.isdigit():
        raise ValueError("ha de tenir 5 xifres (p. ex. 08223)")
    if not 1 <= int(value[:2]) <= 52:
        raise ValueError("les dues primeres xifres han de ser una província (01-52)")
    return value


# The legal form a CIF's first letter says (Orden EHA/451/2008); a DNI or NIE is a natural person.
LEGAL_FORMS = {
    "A": "societat anònima", "B": "societat de responsabilitat limitada", "C": "societat col·lectiva",
    "D": "societat comanditària", "E": "comunitat de béns", "F": "societat cooperativa",
    "G": "associació o fundació", "H": "comunitat de propietaris", "J": "societat civil",
    "N": "entitat estrangera", "P": "corporació local", "Q": "organisme públic",
    "R": "congregació o institució religiosa", "S": "òrgan de l'Administració de l'Estat o de les comunitats "
    "autònomes", "U": "unió temporal d'empreses", "V": "altres tipus", "W": "establiment permanent d'entitat no "
    "resident",
}
NATURAL_PERSON = "persona física (empresari individual)"


def forma_juridica(value: Nif) -> str:
    return NATURAL_PERSON if value.persona_fisica else LEGAL_FORMS.get(value.value[0], "altres tipus")
