"""Bulk imports of companies (staff): upload a CSV or XLSX, follow the job, download its report."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from pathlib import PurePath
from typing import Annotated, Any, get_args

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import StreamingResponse

from services.portal.entrypoints.http.csv_lines import csv_line
from services.portal.entrypoints.http.dependencies import Context, PortalContext, Staff, call, passthrough
from services.portal.entrypoints.http.errors import ApiError
from shared.contracts.api import Pagina
from shared.contracts.census_api import SERVICE
from shared.contracts.census_imports import (
    CampImportable,
    FormatFitxer,
    ImportacioRef,
    ImportacioView,
    IniciarImportacio,
    LlistarImportacions,
    LlistarLinies,
)
from shared.errors import FieldError
from shared.messaging.uploads import delete_upload, put_upload

router = APIRouter(prefix="/api/v1/importacions", tags=["importacions"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES: dict[str, FormatFitxer] = {"text/csv": "csv", "application/csv": "csv", XLSX: "xlsx"}
REPORT_PAGE = 5000


@router.post("", status_code=202, response_model=ImportacioView, summary="Importar empreses d'un fitxer",
             description="El cos de la petició és el fitxer: CSV (`text/csv`; separat per `;` o `,`, UTF-8 o "
                         "Windows-1252) o XLSX (el primer full). La primera fila no buida és la capçalera; les "
                         "columnes s'endevinen pel nom (NIF, raó social, CNAE, polígon, ...) o es diuen amb "
                         "`mapatge=camp:capçalera`. La importació continua en segon pla: seguiu-la a l'adreça "
                         "de la capçalera `Location`.")
async def importar(request: Request, ctx: Context, _: Staff,
                   nom_fitxer: Annotated[str, Query(min_length=1, max_length=200)],
                   mapatge: Annotated[list[str], Query(description="camp:capçalera")] = []) -> Any:  # noqa: B006
    format = file_format(request.headers.get("content-type", ""), nom_fitxer)
    if format is None:
        raise ApiError(415, "Format no admès: envieu un fitxer CSV (text/csv) o XLSX.")
    body = await request.body()
    if not body:
        raise ApiError(422, "El fitxer és buit.", [FieldError(camp="cos", motiu="el fitxer és buit")])
    return _accepted(await start_import(ctx, body, nom_fitxer, format, _mapping(mapatge)))


async def start_import(ctx: PortalContext, body: bytes, nom_fitxer: str, format: FormatFitxer,
                       mapatge: dict[str, str] | None = None) -> dict[str, Any]:
    """Put the file in the object store and have census import it; the file goes if census refuses."""
    objecte = f"importacio-{uuid.uuid4()}"
    await put_upload(ctx.nats().jetstream(), objecte, body)
    try:
        return await call(ctx, SERVICE, "IniciarImportacio", IniciarImportacio(
            objecte=objecte, nom_fitxer=PurePath(nom_fitxer).name, format=format, mapatge=mapatge or {}))
    except ApiError:
        await delete_upload(ctx.nats().jetstream(), objecte)
        raise


@router.get("", response_model=Pagina[ImportacioView], summary="Importacions, les més recents primer")
async def llistar(ctx: Context, _: Staff, pagina: Annotated[int, Query(ge=1)] = 1,
                  mida: Annotated[int, Query(ge=1, le=200)] = 20) -> Any:
    return passthrough(await call(ctx, SERVICE, "LlistarImportacions", LlistarImportacions(pagina=pagina, mida=mida)))


@router.get("/{importacio_id}", response_model=ImportacioView, summary="Estat i progrés d'una importació")
async def obtenir(importacio_id: uuid.UUID, ctx: Context, _: Staff) -> Any:
    return passthrough(await call(ctx, SERVICE, "ObtenirImportacio", ImportacioRef(importacio_id=importacio_id)))


@router.get("/{importacio_id}/informe.csv", summary="Informe d'una importació (CSV)",
            description="Una fila per línia acceptada i una per cada error d'una línia rebutjada o avís "
                        "(possible duplicat) d'una d'acceptada.",
            response_class=StreamingResponse)
async def informe(importacio_id: uuid.UUID, ctx: Context, _: Staff, nomes_incidencies: bool = False) -> Any:
    # Asked before streaming, so an unknown import is a 404 and not an empty file.
    await call(ctx, SERVICE, "ObtenirImportacio", ImportacioRef(importacio_id=importacio_id))

    async def rows() -> AsyncIterator[str]:
        yield csv_line(["linia", "resultat", "empresa_id", "camp", "motiu"])
        after = 0
        while True:
            lines = await call(ctx, SERVICE, "LlistarLiniesImportacio", LlistarLinies(
                importacio_id=importacio_id, des_de_linia=after, mida=REPORT_PAGE,
                nomes_incidencies=nomes_incidencies))
            for line in lines:
                for error in (line["errors"] + line["avisos"]) or [{"camp": "", "motiu": ""}]:
                    yield csv_line([line["linia"], line["resultat"], line["empresa_id"] or "", error["camp"],
                                     error["motiu"]])
            if len(lines) < REPORT_PAGE:
                return
            after = lines[-1]["linia"]

    return StreamingResponse(rows(), media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="informe-{importacio_id}.csv"'})


def _accepted(started: dict[str, Any]) -> Response:
    response = passthrough(started, status_code=202)
    response.headers["Location"] = f"/api/v1/importacions/{started['importacio_id']}"
    return response


def file_format(content_type: str, nom_fitxer: str) -> FormatFitxer | None:
    """CSV or XLSX, by the declared type or else the file name's extension; None for anything else."""
    declared = CONTENT_TYPES.get(content_type.split(";")[0].strip().lower())
    if declared:
        return declared
    suffix = PurePath(nom_fitxer).suffix.lower().lstrip(".")
    return suffix if suffix in get_args(FormatFitxer) else None  # type: ignore[return-value]


def _mapping(pairs: list[str]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    fields = get_args(CampImportable)
    for pair in pairs:
        field, _, header = pair.partition(":")
        if field.strip() not in fields or not header.strip():
            raise ApiError(422, "Hi ha camps no vàlids.", [FieldError(
                camp="mapatge", motiu=f"«{pair}» no és camp:capçalera amb un d'aquests camps: {', '.join(fields)}")])
        mapping[field.strip()] = header.strip()
    return mapping
