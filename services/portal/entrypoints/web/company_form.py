"""Staff's form for a company's record, read as typed: each field's value, or why it is refused.

The same fields register a company and correct one; a correction sends only what changed, so the
record's history and the management body's notice say exactly that."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from services.portal.entrypoints.web.typed_values import (
    CHOICE,
    EMAIL_INVALID,
    NIF_INVALID,
    PHONE_INVALID,
    REQUIRED,
    is_email,
    is_phone,
    read_numbers,
)
from shared.identifiers import parse_nif

TEXT = ("rao_social", "nom_comercial", "cnae", "adreca", "codi_postal", "email", "telefon", "web",
        "referencia_cadastral")
WHOLE = ("treballadors", "any_treballadors")
REQUIRED_FIELDS = ("rao_social", "cnae")


def read_record(form: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, str], dict[str, Any]]:
    """(what was typed, errors by field, every field's value — None for an empty one)."""
    typed: dict[str, Any] = {name: form.get(name, "").strip() for name in (*TEXT, *WHOLE)}
    errors = {name: REQUIRED for name in REQUIRED_FIELDS if not typed[name]}
    numbers = read_numbers(typed, WHOLE, (), errors, zero_allowed=("treballadors",))
    if typed["email"] and not is_email(typed["email"]):
        errors["email"] = EMAIL_INVALID
    if typed["telefon"] and not is_phone(typed["telefon"]):
        errors["telefon"] = PHONE_INVALID
    values = {name: typed[name] or None for name in TEXT} | {name: numbers.get(name) for name in WHOLE}
    return typed, errors, values


def read_new_company(form: Mapping[str, str], estates: tuple[str, ...]) -> tuple[dict[str, Any], dict[str, str],
                                                                                 dict[str, Any]]:
    """A record with its NIF/CIF and estate: the RegistrarEmpresa body, when nothing is refused."""
    typed, errors, values = read_record(form)
    typed |= {"nif": form.get("nif", "").strip(), "poligon_id": form.get("poligon_id", "")}
    if not typed["nif"]:
        errors["nif"] = REQUIRED
    else:
        try:
            parse_nif(typed["nif"])
        except ValueError:
            errors["nif"] = NIF_INVALID
    if typed["poligon_id"] not in estates:
        errors["poligon_id"] = CHOICE if typed["poligon_id"] else REQUIRED
    body = {name: value for name, value in values.items() if value is not None}
    return typed, errors, body | {"nif": typed["nif"], "poligon_id": typed["poligon_id"]}


def changes(record: Mapping[str, Any], values: Mapping[str, Any]) -> dict[str, Any]:
    """The fields whose value differs from the record's (a web address compared without its last slash)."""
    def same(name: str) -> bool:
        before, after = record.get(name), values[name]
        if name == "web" and before and after:
            return str(before).rstrip("/") == str(after).rstrip("/")
        return before == after

    return {name: value for name, value in values.items() if not same(name)}


def typed_from(record: Mapping[str, Any]) -> dict[str, str]:
    """A record as the form shows it before anyone types."""
    return {name: "" if record.get(name) is None else str(record[name]) for name in (*TEXT, *WHOLE)}
