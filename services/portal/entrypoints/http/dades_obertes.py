"""Open data (CC BY 4.0): the district's companies and estates as files anyone may reuse.

Only legal entities: a sole trader's record is personal data and is never published.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response, StreamingResponse

from services.portal.domain.indicators import tidy_rows
from services.portal.entrypoints.http.csv_lines import csv_line
from services.portal.entrypoints.http.dependencies import Context, call
from services.portal.entrypoints.http.indicadors import observatory
from shared.contracts.census_api import SERVICE
from shared.contracts.census_open_data import LlistarEmpresesObertes

router = APIRouter(prefix="/api/v1/dades-obertes", tags=["dades obertes"])
LICENCE = {"nom": "Creative Commons Reconeixement 4.0 (CC BY 4.0)",
           "url": "https://creativecommons.org/licenses/by/4.0/deed.ca"}
ATTRIBUTION = "Ajuntament de Terrassa — Districte industrial de Terrassa"
COMPANY_COLUMNS = ["empresa_id", "nif", "rao_social", "nom_comercial", "forma_juridica", "cnae", "cnae_2025", "seccio",
                   "activitat", "poligon_id", "poligon", "adreca", "codi_postal", "treballadors", "web",
                   "registrada_el"]
INDICATOR_COLUMNS = ["poligon_id", "poligon", "indicador", "periode", "valor"]
PAGE = 5000


@router.get("", summary="Catàleg de dades obertes", description="Els fitxers, la llicència i la data.")
async def cataleg() -> Any:
    generated = datetime.now(UTC)
    return JSONResponse({
        "titol": "Dades obertes del Districte industrial de Terrassa", "atribucio": ATTRIBUTION,
        "llicencia": LICENCE, "actualitzat_el": generated.isoformat(),
        "conjunts": [
            {"nom": "Empreses dels polígons", "url": "/api/v1/dades-obertes/empreses.csv", "format": "text/csv",
             "descripcio": "Empreses (persones jurídiques) actives als polígons: NIF, raó social, activitat "
                           "CNAE-2009, polígon, adreça, tram de plantilla. Mai no hi figuren persones físiques."},
            {"nom": "Polígons del districte", "url": "/api/v1/dades-obertes/poligons.geojson",
             "format": "application/geo+json",
             "descripcio": "Centroide, estat, superfície, ens gestor i nombre d'empreses de cada polígon."},
            {"nom": "Indicadors de l'observatori", "url": "/api/v1/dades-obertes/indicadors.csv", "format": "text/csv",
             "descripcio": "Per polígon i per al districte: empreses, plantilles per tram, sectors CNAE, espais "
                           "disponibles i obsolets, taxa d'ocupació, pressió de la demanda, entrades i sortides per "
                           "trimestre. Format llarg: polígon, indicador, període, valor."}]},
        headers=_headers(generated))


@router.get("/empreses.csv", summary="Empreses dels polígons (CSV, CC BY 4.0)", response_class=StreamingResponse)
async def empreses(ctx: Context) -> Any:
    names = {p["poligon_id"]: p["nom"] for p in await call(ctx, SERVICE, "LlistarPoligons")}
    generated = datetime.now(UTC)

    async def rows() -> AsyncIterator[str]:
        yield csv_line(COMPANY_COLUMNS)
        after = None
        while True:
            page = await call(ctx, SERVICE, "LlistarEmpresesObertes", LlistarEmpresesObertes(despres_de=after, mida=PAGE))
            for record in page:
                record["poligon"] = names.get(record["poligon_id"], record["poligon_id"])
                yield csv_line([record[column] for column in COMPANY_COLUMNS])
            if len(page) < PAGE:
                return
            after = page[-1]["empresa_id"]

    return StreamingResponse(rows(), media_type="text/csv; charset=utf-8", headers={
        **_headers(generated), "Content-Disposition": 'attachment; filename="empreses.csv"'})


@router.get("/poligons.geojson", summary="Polígons del districte (GeoJSON, CC BY 4.0)")
async def poligons(ctx: Context) -> Any:
    generated = datetime.now(UTC)
    features = [{
        "type": "Feature", "id": p["poligon_id"],
        # GeoJSON is longitude first (RFC 7946); the centroid until boundaries are known.
        "geometry": {"type": "Point", "coordinates": [p["centroide"]["lon"], p["centroide"]["lat"]]},
        "properties": {"poligon_id": p["poligon_id"], "nom": p["nom"], "estat": p["estat"],
                       "superficie_m2": p["superficie_m2"], "empreses": p["empreses"],
                       "ens_gestors": [e["nom"] for e in p["ens_gestors"]]}}
        for p in await call(ctx, SERVICE, "LlistarPoligons")]
    return JSONResponse({"type": "FeatureCollection", "features": features, "llicencia": LICENCE,
                         "atribucio": ATTRIBUTION, "actualitzat_el": generated.isoformat()},
                        media_type="application/geo+json", headers=_headers(generated))


@router.get("/indicadors.csv", summary="Indicadors de l'observatori (CSV, CC BY 4.0)", response_class=Response)
async def indicadors(ctx: Context) -> Any:
    observed = await observatory(ctx)
    lines = [csv_line(INDICATOR_COLUMNS), *(csv_line(row) for row in tidy_rows(observed))]
    return Response("".join(lines), media_type="text/csv; charset=utf-8", headers={
        **_headers(observed.actualitzat_el), "Content-Disposition": 'attachment; filename="indicadors.csv"'})


def _headers(generated: datetime) -> dict[str, str]:
    """The licence and the date, where any client finds them (the data is live: generated now)."""
    return {"Link": f'<{LICENCE["url"]}>; rel="license"', "Last-Modified": format_datetime(generated, usegmt=True)}
