"""Composition root of the portal."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from pydantic import Field, SecretStr, model_validator

from services.portal.adapters.oidc import OidcProvider, OidcSignIn
from services.portal.entrypoints.bus_access import BUS_ACCESS
from services.portal.entrypoints.http.app import create_app
from services.portal.entrypoints.http.dependencies import PortalContext, call_rpc
from services.portal.service_layer.accounts import Accounts
from services.portal.service_layer.snapshots import Snapshots
from services.portal.service_layer.tokens import Authenticator, ensure_environment_token
from services.portal.service_layer.unit_of_work import PortalUnitOfWork
from shared.contracts.notifications_api import SERVICE as NOTIFICATIONS
from shared.messaging.rpc import RpcClient
from shared.runtime import ServiceRuntime
from shared.settings import PublicUrlSettings, SignedLinkSettings, load_settings, service_secret

NAME = "portal"
DEMO_EMAIL = "personal.tecnic@districte.example"  # the same as districte.demo_data's
MIGRATIONS = Path(__file__).parent / "adapters" / "migrations"


class PortalSettings(PublicUrlSettings, SignedLinkSettings):
    http_port: int = Field(default=8000, ge=1, le=65535)
    admin_token: str | None = Field(default=None, min_length=16)
    rpc_timeout_s: float = Field(default=5.0, gt=0)
    # How old the district-wide figures a page shows may be (0: computed for every page).
    pagines_cache_s: float = Field(default=30.0, ge=0)
    # `make demo`: a member of staff who signs in with this password (DEMO_EMAIL).
    seed_demo: bool = False
    demo_password: SecretStr | None = Field(default=None, min_length=12)
    # Sign-in with the city's identity provider (OpenID Connect): all three, or none.
    oidc_issuer: str | None = Field(default=None, pattern=r"^https?://\S+$")
    oidc_client_id: str | None = Field(default=None, min_length=1)
    oidc_client_secret: SecretStr | None = Field(default=None, min_length=1)
    oidc_nom: str = Field(default="la identitat digital de l'Ajuntament", min_length=1, max_length=80)

    @model_validator(mode="after")
    def _oidc_complete(self) -> PortalSettings:
        given = [self.oidc_issuer, self.oidc_client_id, self.oidc_client_secret]
        if any(given) and not all(given):
            raise ValueError("DISTRICTE_OIDC_ISSUER, DISTRICTE_OIDC_CLIENT_ID i DISTRICTE_OIDC_CLIENT_SECRET "
                             "van junts: cal donar-los tots tres o cap")
        return self


def build(settings: PortalSettings) -> ServiceRuntime:
    # Health and metrics on their own port when one is given (behind an Ingress, the public port
    # then serves neither); on one machine, on the site's port.
    runtime = ServiceRuntime(NAME, settings, MIGRATIONS, BUS_ACCESS)
    uow = partial(PortalUnitOfWork, runtime.database)
    rpc = RpcClient(runtime.nats, settings.rpc_timeout_s)
    link_secret = service_secret(settings.link_secret, settings.data_dir, "portal-link-secret")
    accounts = Accounts(uow, link_secret, settings.public_url.rstrip("/"), partial(call_rpc, rpc, NOTIFICATIONS))
    portal = PortalContext(rpc=rpc, uow=uow, authenticate=Authenticator(uow), nats=runtime.nats, accounts=accounts,
                           snapshots=Snapshots(settings.pagines_cache_s),
                           secure_cookies=settings.public_url.startswith("https://"),
                           oidc=_oidc(settings, link_secret))
    health = (runtime.readiness_checks(), runtime.metrics) if runtime.health_port is None else None
    runtime.http_app = create_app(portal, health)
    runtime.http_port = settings.http_port
    if settings.seed_demo and settings.demo_password:
        password = settings.demo_password.get_secret_value()
        runtime.on_startup(lambda: accounts.ensure_demo_account(DEMO_EMAIL, "Personal tècnic (demo)", password))
    if settings.admin_token:
        token = settings.admin_token
        runtime.on_startup(lambda: ensure_environment_token(token, uow))
    return runtime


def _oidc(settings: PortalSettings, secret: str) -> OidcSignIn | None:
    if not (settings.oidc_issuer and settings.oidc_client_id and settings.oidc_client_secret):
        return None
    provider = OidcProvider(issuer=settings.oidc_issuer, client_id=settings.oidc_client_id,
                            client_secret=settings.oidc_client_secret.get_secret_value(),
                            redirect_uri=f"{settings.public_url.rstrip('/')}/entrar/oidc/retorn")
    return OidcSignIn(provider, settings.oidc_nom, secret)


def main() -> None:
    build(load_settings(PortalSettings)).run()
