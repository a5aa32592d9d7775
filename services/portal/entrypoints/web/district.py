"""What most pages show beside their own data: the estates' names, the activities' labels, map points."""

from __future__ import annotations

from typing import Any

from services.portal.entrypoints.http.dependencies import PortalContext, call
from services.portal.entrypoints.http.indicadors import observatory
from shared.contracts import census_api
from shared.contracts.indicators import Indicadors

_activities: dict[str, Any] = {}


async def estates(ctx: PortalContext) -> list[dict[str, Any]]:
    """The estates by name, with their sheets and company counts (a snapshot: see Snapshots)."""
    async def listed() -> list[dict[str, Any]]:
        return sorted(await call(ctx, census_api.SERVICE, "LlistarPoligons"), key=lambda p: p["nom"])
    return await ctx.snapshots.get("poligons", listed)


async def observed(ctx: PortalContext, trimestres: int = 8) -> Indicadors:
    """The observatory as pages show it (a snapshot, dated)."""
    return await ctx.snapshots.get(("observatori", trimestres), lambda: observatory(ctx, trimestres))


def names(poligons: list[dict[str, Any]]) -> dict[str, str]:
    return {p["poligon_id"]: p["nom"] for p in poligons}


async def classification(ctx: PortalContext) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """CNAE-2009 sections, divisions and classes, and each class's label: a fixed classification,
    asked for once."""
    if not _activities:
        sections = await call(ctx, census_api.SERVICE, "ClassificacioCnae")
        _activities.update(sections=sections, labels={
            c["codi"]: c["nom"] for s in sections for d in s["divisions"] for c in d["classes"]})
    return _activities["sections"], _activities["labels"]


def estate_points(poligons: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"nom": p["nom"], "url": f"/poligons/{p['poligon_id']}", "lat": p["centroide"]["lat"],
             "lon": p["centroide"]["lon"], "n": p["empreses"]} for p in poligons]
