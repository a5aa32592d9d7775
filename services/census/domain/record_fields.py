"""A company record's further fields: the legal entity's (other activities, the year of its headcount,
its website) and the establishment's (postal code, cadastral reference, coordinates, tenure, surface
occupied, head office). Each is validated as given; every bad one is reported at once."""

from __future__ import annotations

from datetime import date
from typing import Any

from services.census.domain.cnae import normalise_cnae
from shared.errors import FieldError, Invalid
from shared.identifiers import parse_codi_postal, parse_ref_cadastral

FIELDS = ("cnae_secundaries", "any_treballadors", "web", "codi_postal", "referencia_cadastral", "lat", "lon",
          "tinenca", "superficie_ocupada_m2", "seu_social")
# Where an establishment of a Terrassa estate can be: the municipality, with a margin.
TERRASSA_LAT, TERRASSA_LON = (41.45, 41.70), (1.85, 2.20)


def clean(values: dict[str, Any], main_cnae: str, today: date) -> dict[str, Any]:
    """``values`` (some of FIELDS) validated and normalised; raises Invalid naming each bad one."""
    errors: list[FieldError] = []
    cleaned = dict(values)
    for name, parse in (("codi_postal", parse_codi_postal), ("referencia_cadastral", parse_ref_cadastral)):
        if name in cleaned:
            raw = (cleaned[name] or "").strip()
            try:
                cleaned[name] = parse(raw) if raw else None
            except ValueError as exc:
                errors.append(FieldError(camp=name, motiu=str(exc)))
    if "web" in cleaned:
        cleaned["web"] = str(cleaned["web"]) if cleaned["web"] else None
    if "cnae_secundaries" in cleaned:
        classes = [(code, normalise_cnae(code)) for code in cleaned["cnae_secundaries"] or []]
        errors += [FieldError(camp="cnae_secundaries", motiu=f"«{code}» no és una classe CNAE-2009")
                   for code, normal in classes if normal is None]
        cleaned["cnae_secundaries"] = tuple(dict.fromkeys(n for _, n in classes if n and n != main_cnae))
    if (cleaned.get("any_treballadors") or 0) > today.year:
        errors.append(FieldError(camp="any_treballadors", motiu="no pot ser un any futur"))
    if "seu_social" in cleaned and cleaned["seu_social"] is None:
        errors.append(FieldError(camp="seu_social", motiu="indiqueu si hi té el domicili social (true o false)"))
    if errors:
        raise Invalid(errors)
    return cleaned


def check_coordinates(lat: float | None, lon: float | None) -> None:
    """Both or neither, and in Terrassa."""
    if (lat is None) != (lon is None):
        raise Invalid([FieldError(camp="lat" if lat is None else "lon",
                                  motiu="cal indicar la latitud i la longitud alhora")])
    if lat is not None and lon is not None and not (
            TERRASSA_LAT[0] <= lat <= TERRASSA_LAT[1] and TERRASSA_LON[0] <= lon <= TERRASSA_LON[1]):
        raise Invalid([FieldError(camp="lat", motiu="les coordenades han de ser dins del terme de Terrassa "
                                                    "(WGS84, p. ex. 41.5605, 2.0336)")])
