"""The portal's FastAPI application."""

from __future__ import annotations

from fastapi import FastAPI

from services.portal.entrypoints.http import (
    admin,
    autoservei,
    baixa,
    contactes,
    dades_obertes,
    demandes,
    duplicats,
    empreses,
    enllacos,
    ens_gestors,
    importacions,
    indicadors,
    notificacions,
    ofertes,
    poligons,
    usuaris,
    vacants,
    webhooks,
)
from services.portal.entrypoints.http.dependencies import PortalContext
from services.portal.entrypoints.http.errors import install_error_handlers
from services.portal.entrypoints.http.middleware import BodySizeLimit, CorrelationId
from services.portal.entrypoints.web.errors import page_for_error
from services.portal.entrypoints.web.site import install_site
from shared.observability.health import Check, health_routes
from shared.observability.metrics import ServiceMetrics


def create_app(portal: PortalContext, health: tuple[dict[str, Check], ServiceMetrics] | None) -> FastAPI:
    """The site and the API; with ``health``, also the health checks and metrics (else the runtime
    serves them on a port of their own)."""
    app = FastAPI(
        title="Districte — API del Portal de polígons i empreses",
        description="Cens d'empreses dels polígons de Terrassa, ens gestors, oferta d'espais i demandes, "
                "coincidències i notificacions.",
        version="1.0.0",
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.portal = portal
    install_error_handlers(app, page_for_error)
    for module in (poligons, ens_gestors, empreses, contactes, ofertes, demandes, vacants, enllacos, notificacions,
                   baixa, webhooks, importacions, duplicats, dades_obertes, admin, usuaris, autoservei, indicadors):
        app.include_router(module.router)
    app.include_router(enllacos.page_router)
    app.include_router(autoservei.page_router)
    app.include_router(empreses.entitats_router)
    app.include_router(poligons.cnae_router)
    install_site(app)
    if health is not None:
        app.router.routes.extend(health_routes("portal", *health))
    app.add_middleware(BodySizeLimit)
    app.add_middleware(CorrelationId)
    return app
