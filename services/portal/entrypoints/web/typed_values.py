"""Values as people type them in forms ("1.200", "7,5"), and the codes of why one is refused
(the templates word each code in the reader's language)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import EmailStr, TypeAdapter, ValidationError

WHOLE_NUMBER, NUMBER, CHOICE, RANGE = "nombre_enter", "nombre", "opcio", "interval"
REQUIRED, EMAIL_INVALID, NIF_INVALID, PHONE_INVALID = "obligatori", "email_no_valid", "nif_no_valid", "telefon_no_valid"
_EMAIL = TypeAdapter(EmailStr)
_PHONE_CHARACTERS = frozenset("+0123456789 ().-")


def parse_number(typed: str, decimal: bool = False) -> int | float | None:
    """A whole number with Catalan thousands ("1.200"), or a decimal with a comma ("7,5"); None if neither."""
    try:
        return float(typed.replace(",", ".")) if decimal else int(typed.replace(".", "").replace(" ", ""))
    except ValueError:
        return None


def is_email(typed: str) -> bool:
    try:
        _EMAIL.validate_python(typed)
    except ValidationError:
        return False
    return True


def is_phone(typed: str) -> bool:
    """Digits, spaces, + and the usual separators, 6 to 30 of them (as the services accept)."""
    return set(typed) <= _PHONE_CHARACTERS and 6 <= len(typed) <= 30


def read_numbers(typed: Mapping[str, Any], whole: Iterable[str], decimal: Iterable[str], errors: dict[str, str],
                 zero_allowed: Iterable[str] = ()) -> dict[str, int | float]:
    """The positive numbers typed in those fields (zero too where allowed); a refusal in ``errors`` for the rest."""
    values: dict[str, int | float] = {}
    decimals = set(decimal)
    for name in (*whole, *decimals):
        if typed[name] and name not in errors:
            number = parse_number(typed[name], name in decimals)
            if number is None or number < 0 or (number == 0 and name not in zero_allowed):
                errors[name] = NUMBER if name in decimals else WHOLE_NUMBER
            else:
                values[name] = number
    return values


def check_choices(typed: Mapping[str, Any], choices: Mapping[str, Iterable[str]], errors: dict[str, str]) -> None:
    for name, options in choices.items():
        if typed[name] and typed[name] not in options:
            errors[name] = CHOICE
