"""Pydantic's validation errors said in Catalan, with the path of the offending field.

Used wherever a refusal reaches people: the portal's 422 bodies, the reasons a partner's
refused offer is sent back with.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from shared.errors import FieldError

MESSAGES: dict[str, str] = {
    "missing": "camp obligatori",
    "extra_forbidden": "camp no permès",
    "string_type": "ha de ser text",
    "string_too_short": "massa curt (mínim {min_length} caràcters)",
    "string_too_short_1": "no pot estar buit",
    "string_too_long": "massa llarg (màxim {max_length} caràcters)",
    "string_pattern_mismatch": "format no vàlid",
    "int_type": "ha de ser un nombre enter",
    "int_parsing": "ha de ser un nombre enter",
    "int_from_float": "ha de ser un nombre enter",
    "float_type": "ha de ser un nombre",
    "float_parsing": "ha de ser un nombre",
    "bool_type": "ha de ser cert o fals",
    "bool_parsing": "ha de ser cert o fals",
    "greater_than_equal": "ha de ser més gran o igual que {ge}",
    "greater_than": "ha de ser més gran que {gt}",
    "less_than_equal": "ha de ser més petit o igual que {le}",
    "less_than": "ha de ser més petit que {lt}",
    "list_type": "ha de ser una llista",
    "too_short": "ha de tenir almenys {min_length} elements",
    "too_long": "pot tenir com a màxim {max_length} elements",
    "dict_type": "ha de ser un objecte JSON",
    "model_attributes_type": "ha de ser un objecte JSON",
    "model_type": "ha de ser un objecte JSON",
    "json_invalid": "el cos no és JSON vàlid",
    "uuid_parsing": "ha de ser un identificador UUID",
    "uuid_type": "ha de ser un identificador UUID",
    "enum": "ha de ser un d'aquests valors: {expected}",
    "literal_error": "ha de ser un d'aquests valors: {expected}",
}


def catalan_reason(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    if kind == "value_error" and "email" in str(error.get("msg", "")).lower():
        return "adreça electrònica no vàlida"
    if kind == "value_error":
        # Our own validators raise their reasons in Catalan.
        return str(error.get("msg", "")).removeprefix("Value error, ") or "valor no vàlid"
    if kind == "string_too_short" and (error.get("ctx") or {}).get("min_length") == 1:
        kind = "string_too_short_1"
    template = MESSAGES.get(kind)
    if template is None:
        return "valor no vàlid"
    context = dict(error.get("ctx") or {})
    if isinstance(context.get("expected"), str):  # pydantic lists the choices in English: "'a', 'b' or 'c'"
        context["expected"] = context["expected"].replace("' or '", "' o '")
    try:
        return template.format(**context)
    except (KeyError, IndexError):
        return template


def field_name(location: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in location]
    if parts and parts[0] in {"body", "query", "path", "header"}:
        parts = parts[1:]
    return ".".join(parts) or "cos"


def field_errors(error: ValidationError) -> list[FieldError]:
    return [FieldError(camp=field_name(e["loc"]), motiu=catalan_reason(e)) for e in error.errors()]
