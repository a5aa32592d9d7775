"""A plain Catalan front page until the public portal arrives."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

router = APIRouter(include_in_schema=False)

PAGE = """<!DOCTYPE html>
<html lang="ca"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Portal de polígons i empreses · Districte industrial de Terrassa</title></head>
<body style="font-family: sans-serif; max-width: 40rem; margin: 2rem auto; line-height: 1.5">
<h1>Portal de polígons i empreses</h1>
<p>El districte industrial de Terrassa aplega tots els polígons d'activitat econòmica de la ciutat.</p>
<ul>
<li><a href="/api/v1/poligons">Polígons (JSON)</a></li>
<li><a href="/api/v1/empreses">Empreses (JSON)</a></li>
<li><a href="/api/docs">Documentació de l'API</a></li>
</ul>
<p><small>Dades dels polígons: Ajuntament de Terrassa, dades obertes, «Mapa dels polígons
industrials» (2022).</small></p>
</body></html>"""


@router.get("/", response_class=HTMLResponse)
async def home() -> str:
    return PAGE
