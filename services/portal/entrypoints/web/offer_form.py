"""Staff's form to publish an offer, read as typed: each field's value, or why it is refused."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from services.portal.entrypoints.web.typed_values import (
    CHOICE,
    EMAIL_INVALID,
    PHONE_INVALID,
    REQUIRED,
    check_choices,
    is_email,
    is_phone,
    read_numbers,
)

TEXT = ("adreca", "ref_cadastral", "descripcio", "contacte_nom", "contacte_email", "contacte_telefon")
WHOLE = ("superficie_m2", "superficie_parcella_m2", "superficie_oficines_m2", "preu_eur", "preu_lloguer_eur",
         "molls_carrega")
DECIMAL = ("alcada_lliure_m", "potencia_kw")
CHOICES = {"tipus": ("nau", "solar", "oficina"), "operacio": ("lloguer", "venda", "lloguer_o_venda"),
           "estat_conservacio": ("nou", "bo", "a_reformar", "obsolet")}
REQUIRED_FIELDS = ("tipus", "operacio", "poligon_id", "superficie_m2", "estat_conservacio", "preu_eur",
                   "contacte_nom", "contacte_email")


def read_offer(form: Mapping[str, str], estates: tuple[str, ...]) -> tuple[dict[str, Any], dict[str, str], dict[str, Any]]:
    """(what was typed, errors by field, the PublicarOferta body when there are no errors)."""
    typed: dict[str, Any] = {name: form.get(name, "").strip()
                             for name in (*TEXT, *WHOLE, *DECIMAL, *CHOICES, "poligon_id")}
    typed["acces_trailer"] = bool(form.get("acces_trailer"))
    errors = {name: REQUIRED for name in REQUIRED_FIELDS if not typed[name]}
    values = read_numbers(typed, WHOLE, DECIMAL, errors, zero_allowed=("molls_carrega", "superficie_oficines_m2"))
    check_choices(typed, CHOICES, errors)
    if typed["poligon_id"] and typed["poligon_id"] not in estates:
        errors["poligon_id"] = CHOICE
    if typed["contacte_email"] and "contacte_email" not in errors and not is_email(typed["contacte_email"]):
        errors["contacte_email"] = EMAIL_INVALID
    if typed["contacte_telefon"] and not is_phone(typed["contacte_telefon"]):
        errors["contacte_telefon"] = PHONE_INVALID
    if errors:
        return typed, errors, {}
    contacte = {"nom": typed["contacte_nom"], "email": typed["contacte_email"],
                "telefon": typed["contacte_telefon"] or None}
    texts = {name: typed[name] for name in ("adreca", "ref_cadastral", "descripcio") if typed[name]}
    body = {"tipus": typed["tipus"], "operacio": typed["operacio"], "poligon_id": typed["poligon_id"],
            "estat_conservacio": typed["estat_conservacio"], "acces_trailer": typed["acces_trailer"],
            "contacte": contacte, **texts, **values}
    return typed, errors, body
