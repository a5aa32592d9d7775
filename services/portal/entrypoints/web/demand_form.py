"""The "busco espai" form read as typed: each field's value, or why it is refused (a code the page
words in the reader's language). What is refused is shown again beside its field, with what was typed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from services.portal.entrypoints.web.typed_values import (
    EMAIL_INVALID,
    NIF_INVALID,
    PHONE_INVALID,
    RANGE,
    REQUIRED,
    check_choices,
    is_email,
    is_phone,
    read_numbers,
)
from shared.identifiers import parse_nif

CONSENT = "consentiment"
TEXT = ("empresa_nom", "empresa_nif", "empresa_email", "empresa_telefon")
WHOLE = ("superficie_min_m2", "superficie_max_m2", "preu_max_eur", "preu_max_venda_eur", "molls_min")
DECIMAL = ("alcada_min_m", "potencia_min_kw")
CHOICES = {"operacio": ("lloguer", "venda", "lloguer_o_venda"), "accepta_estat": ("nou", "bo", "a_reformar", "obsolet"),
           "motiu": ("ampliacio", "trasllat", "nova_implantacio"), "frequencia_alertes": ("immediata", "diaria", "setmanal")}
KINDS = ("nau", "solar", "oficina")


@dataclass
class DemandForm:
    typed: dict[str, Any]
    errors: dict[str, str] = field(default_factory=dict)
    request: dict[str, Any] = field(default_factory=dict)  # the DemandaEntrada body, when valid


def read_demand(form: Mapping[str, str], estates: tuple[str, ...]) -> DemandForm:
    typed: dict[str, Any] = {name: form.get(name, "").strip() for name in (*TEXT, *WHOLE, *DECIMAL, *CHOICES)}
    typed |= {"tipus": [k for k in KINDS if form.get(f"tipus_{k}")],
              "poligons": [p for p in estates if form.get(f"poligon_{p}")],
              "acces_trailer": bool(form.get("acces_trailer")), "consentiment": bool(form.get("consentiment"))}
    result = DemandForm(typed)
    errors, values = result.errors, {}
    for name in ("empresa_nom", "empresa_email", "superficie_min_m2", "operacio", "motiu"):
        if not typed[name]:
            errors[name] = REQUIRED
    if not typed["tipus"]:
        errors["tipus"] = REQUIRED
    if typed["empresa_email"] and "empresa_email" not in errors and not is_email(typed["empresa_email"]):
        errors["empresa_email"] = EMAIL_INVALID
    if typed["empresa_nif"]:
        try:
            parse_nif(typed["empresa_nif"])
        except ValueError:
            errors["empresa_nif"] = NIF_INVALID
    if typed["empresa_telefon"] and not is_phone(typed["empresa_telefon"]):
        errors["empresa_telefon"] = PHONE_INVALID
    values.update(read_numbers(typed, WHOLE, DECIMAL, errors, zero_allowed=("molls_min",)))
    check_choices(typed, CHOICES, errors)
    if values.get("superficie_max_m2") is not None and values.get("superficie_min_m2") is not None \
            and values["superficie_max_m2"] < values["superficie_min_m2"]:
        errors["superficie_max_m2"] = RANGE
    if not typed["consentiment"]:
        errors["consentiment"] = CONSENT
    if not errors:
        result.request = _request(typed, values)
    return result


def _request(typed: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    empresa = {"nom": typed["empresa_nom"], "email": typed["empresa_email"],
               "nif": typed["empresa_nif"] or None, "telefon": typed["empresa_telefon"] or None}
    chosen = {name: typed[name] for name in CHOICES if typed[name]}
    if typed["operacio"] != "lloguer_o_venda":
        values.pop("preu_max_venda_eur", None)  # only a rent-or-buy request has a second budget
    return {"empresa": empresa, "consentiment": True, "tipus": typed["tipus"], "poligons": typed["poligons"],
            "acces_trailer": typed["acces_trailer"], **chosen, **values}

