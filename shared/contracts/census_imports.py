"""Bulk imports of companies: what census serves to the portal (``districte.rpc.census.*``).

The file itself travels through the JetStream object store (``shared.messaging.uploads``): a
request-reply message is too small for it.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from shared.contracts.api import Command

FormatFitxer = Literal["csv", "xlsx"]
EstatImportacio = Literal["en_cua", "en_curs", "completada", "fallida"]
# The columns an import fills; the first four are required.
CampImportable = Literal["nif", "rao_social", "cnae", "cnae_2025", "poligon_id", "nom_comercial", "adreca", "email",
                         "telefon", "treballadors", "cnae_secundaries", "any_treballadors", "web", "codi_postal",
                         "referencia_cadastral", "lat", "lon", "tinenca", "superficie_ocupada_m2", "seu_social"]
ResultatLinia = Literal["nova", "actualitzada", "sense_canvis", "rebutjada"]


class IniciarImportacio(Command):
    objecte: str = Field(min_length=1, max_length=200, description="el nom del fitxer al magatzem d'objectes")
    nom_fitxer: str = Field(min_length=1, max_length=200)
    format: FormatFitxer
    mapatge: dict[CampImportable, str] = Field(
        default={}, description="camp → capçalera de la columna, quan no és la que s'endevina")


class ImportacioRef(Command):
    importacio_id: uuid.UUID


class LlistarImportacions(Command):
    pagina: int = Field(default=1, ge=1)
    mida: int = Field(default=20, ge=1, le=200)


class LlistarLinies(Command):
    """A page of an import's report, in line order."""

    importacio_id: uuid.UUID
    des_de_linia: int = Field(default=0, ge=0, description="les línies posteriors a aquesta")
    mida: int = Field(default=1000, ge=1, le=5000)
    nomes_incidencies: bool = Field(default=False, description="només les rebutjades i les que tenen avisos")


class ImportacioView(BaseModel):
    importacio_id: uuid.UUID
    nom_fitxer: str
    format: FormatFitxer
    estat: EstatImportacio
    files: int | None = Field(description="files de dades del fitxer, quan ja s'ha llegit")
    processades: int
    noves: int
    actualitzades: int
    sense_canvis: int
    rebutjades: int
    duplicats_possibles: int = Field(description="línies noves que podrien ser una empresa que ja hi era")
    columnes: dict[str, str] = Field(description="camp → capçalera de la columna d'on s'ha llegit")
    columnes_ignorades: list[str]
    error: str | None = Field(description="per què ha fallat la importació sencera")
    creada_el: datetime
    acabada_el: datetime | None


class ErrorLinia(BaseModel):
    camp: str
    motiu: str


class LiniaInforme(BaseModel):
    linia: int = Field(description="el número de línia del fitxer (la capçalera és la 1)")
    resultat: ResultatLinia
    empresa_id: uuid.UUID | None
    errors: list[ErrorLinia]
    avisos: list[ErrorLinia] = Field(default=[], description="acceptada, però cal revisar-la (possible duplicat)")
