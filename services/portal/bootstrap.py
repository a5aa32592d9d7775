"""Composition root of the portal."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from pydantic import Field

from services.portal.entrypoints.http.app import create_app
from services.portal.entrypoints.http.dependencies import PortalContext
from services.portal.service_layer.tokens import Authenticator, ensure_environment_token
from services.portal.service_layer.unit_of_work import PortalUnitOfWork
from shared.messaging.rpc import RpcClient
from shared.runtime import ServiceRuntime
from shared.settings import ServiceSettings, load_settings

NAME = "portal"
MIGRATIONS = Path(__file__).parent / "adapters" / "migrations"


class PortalSettings(ServiceSettings):
    http_port: int = Field(default=8000, ge=1, le=65535)
    admin_token: str | None = Field(default=None, min_length=16)
    rpc_timeout_s: float = Field(default=5.0, gt=0)


def build(settings: PortalSettings) -> ServiceRuntime:
    # The portal serves health and metrics on its own HTTP port.
    settings = settings.model_copy(update={"health_port": None})
    runtime = ServiceRuntime(NAME, settings, MIGRATIONS)
    uow = partial(PortalUnitOfWork, runtime.database)
    rpc = RpcClient(runtime.nats, settings.rpc_timeout_s)
    portal = PortalContext(rpc=rpc, uow=uow, authenticate=Authenticator(uow), nats=runtime.nats)
    runtime.http_app = create_app(portal, runtime.readiness_checks(), runtime.metrics)
    runtime.http_port = settings.http_port
    if settings.admin_token:
        token = settings.admin_token
        runtime.on_startup(lambda: ensure_environment_token(token, uow))
    return runtime


def main() -> None:
    build(load_settings(PortalSettings)).run()
