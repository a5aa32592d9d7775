"""How a census file's columns and cells become companies: which column holds which field,
what an estate's name in a cell means, what a row says."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from services.census.domain.names import slug
from shared.contracts.census_imports import CampImportable

REQUIRED: tuple[CampImportable, ...] = ("nif", "rao_social", "poligon_id")  # and an activity: ACTIVITY
ACTIVITY: tuple[CampImportable, ...] = ("cnae", "cnae_2025")
OPTIONAL: tuple[CampImportable, ...] = (*ACTIVITY, "nom_comercial", "adreca", "email", "telefon", "treballadors",
                                        "cnae_secundaries", "any_treballadors", "web", "codi_postal",
                                        "referencia_cadastral", "lat", "lon", "tinenca", "superficie_ocupada_m2",
                                        "seu_social")
# Headers people write for each field (Catalan, Spanish, English), compared as slugs.
ALIASES: dict[CampImportable, tuple[str, ...]] = {
    "nif": ("nif", "cif", "nif-cif", "nif-o-cif", "nif-nie", "vat", "tax-id"),
    "rao_social": ("rao-social", "rao-social-de-l-empresa", "razon-social", "denominacio", "denominacion",
                   "denominacio-social", "denominacion-social", "empresa", "legal-name", "company", "nom"),
    "cnae": ("cnae", "cnae-2009", "codi-cnae", "codigo-cnae", "activitat", "actividad", "activity", "nace"),
    "cnae_2025": ("cnae-2025", "codi-cnae-2025", "codigo-cnae-2025", "nace-rev-2-1", "nace-2-1"),
    "poligon_id": ("poligon", "poligon-id", "poligon-industrial", "poligono", "poligono-industrial", "estate",
                   "industrial-estate", "area-industrial"),
    "nom_comercial": ("nom-comercial", "nombre-comercial", "marca", "trade-name"),
    "adreca": ("adreca", "direccio", "direccion", "domicili", "domicilio", "address"),
    "email": ("email", "e-mail", "correu", "correu-electronic", "correo", "correo-electronico", "mail"),
    "telefon": ("telefon", "telefono", "tel", "phone", "telephone"),
    "treballadors": ("treballadors", "trabajadores", "plantilla", "empleats", "empleados", "employees",
                     "headcount"),
    "cnae_secundaries": ("cnae-secundaris", "cnae-secundarios", "altres-cnae", "otros-cnae", "secondary-nace",
                         "activitats-secundaries", "actividades-secundarias"),
    "any_treballadors": ("any-treballadors", "any-plantilla", "ano-plantilla", "ano-trabajadores", "headcount-year"),
    "web": ("web", "pagina-web", "lloc-web", "sitio-web", "website", "url"),
    "codi_postal": ("codi-postal", "cp", "codigo-postal", "postal-code", "zip"),
    "referencia_cadastral": ("referencia-cadastral", "ref-cadastral", "referencia-catastral", "ref-catastral",
                             "cadastral-reference"),
    "lat": ("lat", "latitud", "latitude"),
    "lon": ("lon", "lng", "longitud", "longitude"),
    "tinenca": ("tinenca", "regim-de-tinenca", "tenencia", "regimen-de-tenencia", "tenure"),
    "superficie_ocupada_m2": ("superficie", "superficie-m2", "superficie-ocupada", "m2", "surface"),
    "seu_social": ("seu-social", "sede-social", "domicili-social", "head-office"),
}
# How a cell says yes or no, and a tenure, in the three languages.
YES, NO = {"si", "s", "yes", "y", "1", "x", "true", "cert"}, {"no", "n", "0", "false", "fals"}
TENURES = {"propietat": "propietat", "propiedad": "propietat", "owned": "propietat", "lloguer": "lloguer",
           "alquiler": "lloguer", "arrendament": "lloguer", "arrendamiento": "lloguer", "rented": "lloguer"}


class MappingError(Exception):
    """The file's columns cannot be read as a census; the message says why, in Catalan."""


@dataclass(frozen=True)
class ColumnMap:
    columns: dict[CampImportable, int]  # field → column index
    headers: dict[CampImportable, str]  # field → the header it was read from
    ignored: list[str]

    def fields(self, cells: list[str]) -> dict[str, Any]:
        """A row's values by field; an empty cell is not given (it says nothing, it clears nothing)."""
        values: dict[str, Any] = {}
        for field, index in self.columns.items():
            cell = cells[index].strip() if index < len(cells) else ""
            if cell:
                values[field] = cell
        return values


def map_columns(headers: list[str], chosen: dict[str, str]) -> ColumnMap:
    """Each field's column: the one chosen for it, else the first whose header is a known alias."""
    by_slug: dict[str, int] = {}
    for index, header in enumerate(headers):
        by_slug.setdefault(slug(header), index)
    columns: dict[CampImportable, int] = {}
    for field, header in chosen.items():
        if slug(header) not in by_slug:
            raise MappingError(f"no hi ha cap columna «{header}» per al camp {field}")
        columns[field] = by_slug[slug(header)]  # type: ignore[index]
    for field in (*REQUIRED, *OPTIONAL):
        if field not in columns:
            found = next((by_slug[alias] for alias in ALIASES[field] if alias in by_slug
                          and by_slug[alias] not in columns.values()), None)
            if found is not None:
                columns[field] = found
    missing: list[str] = [field for field in REQUIRED if field not in columns]
    if not any(field in columns for field in ACTIVITY):
        missing.append("cnae (o cnae_2025)")
    if missing:
        raise MappingError(f"falten columnes obligatòries: {', '.join(missing)} "
                           "(indiqueu quina columna és cadascuna amb el mapatge)")
    used = set(columns.values())
    return ColumnMap(columns, {field: headers[index] for field, index in columns.items()},
                     [header for index, header in enumerate(headers) if index not in used and header])


class EstateNames:
    """An estate as a cell may name it: its id, its name, with or without "Polígon"."""

    def __init__(self, estates: dict[str, str]) -> None:
        self._ids: dict[str, str] = {}
        for poligon_id, nom in estates.items():
            for name in (poligon_id, nom):
                key = _estate_key(name)
                self._ids.setdefault(key, poligon_id)

    def resolve(self, cell: str) -> str | None:
        return self._ids.get(_estate_key(cell))


def _estate_key(name: str) -> str:
    return re.sub(r"^(poligon|poligono|pol|pi|area)(-industrial)?(-de|-del|-dels|-d)?-", "", slug(name))


def headcount(cell: str) -> int | None:
    """A headcount as people type it ("12", "12,0", "1.200"); None if it is not one."""
    cleaned = cell.replace(".", "").replace(" ", "")
    cleaned = re.sub(r",0+$", "", cleaned)
    return int(cleaned) if cleaned.isdigit() else None


def typed_cell(field: str, cell: str) -> Any:
    """A cell as its field's value, as people type it; None if it cannot be one (the caller says why)."""
    if field in ("treballadors", "any_treballadors", "superficie_ocupada_m2"):
        return headcount(cell)
    if field in ("lat", "lon"):
        try:
            return float(cell.replace(",", "."))
        except ValueError:
            return None
    if field == "seu_social":
        word = slug(cell)
        return True if word in YES else False if word in NO else None
    if field == "tinenca":
        return TENURES.get(slug(cell))
    if field == "cnae_secundaries":
        return [code for code in re.split(r"[\s,;/|]+", cell) if code]
    return cell


TYPED_FIELDS = ("treballadors", "any_treballadors", "superficie_ocupada_m2", "lat", "lon", "seu_social", "tinenca",
                "cnae_secundaries")
