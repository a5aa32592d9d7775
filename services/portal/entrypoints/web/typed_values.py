"""Values as people type them in forms ("1.200", "7,5"), and the codes of why one is refused
(the templates word each code in the reader's language)."""

from __future__ import annotations

from pydantic import EmailStr, TypeAdapter, ValidationError

WHOLE_NUMBER, NUMBER, CHOICE, RANGE = "nombre_enter", "nombre", "opcio", "interval"
REQUIRED, EMAIL_INVALID, NIF_INVALID = "obligatori", "email_no_valid", "nif_no_valid"
_EMAIL = TypeAdapter(EmailStr)


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
