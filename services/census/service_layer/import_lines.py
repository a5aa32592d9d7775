"""What each line of an import means: validated as the API validates a request, then new,
a change to a company already in the census, the same as it, or refused — and why."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from services.census.domain import record_fields
from services.census.domain.imports import TYPED_FIELDS, ColumnMap, EstateNames, typed_cell
from services.census.domain.model import Empresa
from shared.contracts.census import CanviCamp
from shared.contracts.census_api import RegistrarEmpresa
from shared.contracts.census_imports import ResultatLinia
from shared.errors import FieldError, Invalid
from shared.validation_messages import field_errors

# Fields a line may change in a company already in the census (NIF and estate are its key).
UPDATABLE = ("rao_social", "nom_comercial", "cnae", "cnae_2025", "adreca", "email", "telefon", "treballadors",
             *record_fields.FIELDS)
CELL_REASONS = {"treballadors": "ha de ser un nombre enter", "any_treballadors": "ha de ser un any (p. ex. 2025)",
                "superficie_ocupada_m2": "ha de ser un nombre enter de m²", "lat": "ha de ser un nombre (graus WGS84)",
                "lon": "ha de ser un nombre (graus WGS84)", "seu_social": "ha de ser sí o no",
                "tinenca": "ha de ser propietat o lloguer", "cnae_secundaries": "cal una llista de classes CNAE"}


@dataclass
class Read:
    """A line that passed validation: the company it describes and the fields it gave."""

    linia: int
    empresa: Empresa
    given: tuple[str, ...]

    @property
    def clau(self) -> str:
        return f"{self.empresa.nif}|{self.empresa.poligon_id}"


@dataclass
class Outcome:
    linia: int
    resultat: ResultatLinia
    empresa: Empresa | None = None
    canvis: list[CanviCamp] = field(default_factory=list)
    errors: list[FieldError] = field(default_factory=list)
    clau: str | None = None
    avisos: list[FieldError] = field(default_factory=list)  # accepted, but staff should look (a likely duplicate)

    def report_line(self, importacio_id: uuid.UUID) -> dict[str, Any]:
        return {"importacio_id": str(importacio_id), "linia": self.linia, "resultat": self.resultat,
                "empresa_id": str(self.empresa.empresa_id) if self.empresa else None, "clau": self.clau,
                "errors": [error.model_dump() for error in self.errors] or None,
                "avisos": [avis.model_dump() for avis in self.avisos] or None}


class LineReader:
    def __init__(self, columns: ColumnMap, estates: EstateNames, known_poligons: set[str]) -> None:
        self._columns = columns
        self._estates = estates
        self._known = known_poligons

    def read(self, linia: int, cells: list[str]) -> Read | Outcome:
        values = self._columns.fields(cells)
        errors: list[FieldError] = []
        if "poligon_id" in values:
            resolved = self._estates.resolve(values["poligon_id"])
            if resolved is None:
                errors.append(FieldError(camp="poligon_id",
                                         motiu=f"cap polígon del districte es diu «{values['poligon_id']}»"))
            values["poligon_id"] = resolved or ""
        for name in TYPED_FIELDS:
            if name in values:
                typed = typed_cell(name, values[name])
                if typed is None:
                    errors.append(FieldError(camp=name, motiu=CELL_REASONS[name]))
                values[name] = typed
        try:
            command = RegistrarEmpresa(**values)
        except ValidationError as exc:
            errors += [error for error in field_errors(exc) if error.camp not in {e.camp for e in errors}]
        if errors:
            return Outcome(linia, "rebutjada", errors=errors)
        try:
            empresa = Empresa.nova(**command.model_dump(), known_poligons=self._known, font="importacio")
        except Invalid as exc:
            return Outcome(linia, "rebutjada", errors=exc.errors)
        return Read(linia, empresa, tuple(name for name in UPDATABLE if name in values))


def decide(read: Read, existing: Empresa | None, seen: dict[str, int]) -> Outcome:
    """``seen``: the lines of this import accepted so far, by NIF and estate."""
    if read.clau in seen:
        return Outcome(read.linia, "rebutjada", errors=[FieldError(
            camp="nif", motiu=f"aquesta empresa ja és a la línia {seen[read.clau]} en el mateix polígon")])
    seen[read.clau] = read.linia
    if existing is None:
        return Outcome(read.linia, "nova", empresa=read.empresa, clau=read.clau)
    if existing.estat == "baixa":
        del seen[read.clau]
        return Outcome(read.linia, "rebutjada", errors=[FieldError(
            camp="nif", motiu="aquesta empresa consta de baixa en aquest polígon; si hi ha tornat, "
                              "registreu-la de nou des del portal")])
    # An empty cell says nothing: only what the line gives may change the record.
    updated, canvis = existing.modifica({name: getattr(read.empresa, name) for name in read.given})
    return Outcome(read.linia, "actualitzada" if canvis else "sense_canvis", empresa=updated, canvis=canvis,
                   clau=read.clau)
