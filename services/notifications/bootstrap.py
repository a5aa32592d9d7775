"""Composition root of the notifications service."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

import structlog
from pydantic import EmailStr, Field, SecretStr, field_validator

from services.notifications.adapters.district_dead_letters import waiting_dead_letters
from services.notifications.adapters.mail import FileTransport, MailTransport, SmtpTransport
from services.notifications.adapters.secret_box import SecretBox, keys_from
from services.notifications.adapters.templates import Renderer
from services.notifications.adapters.unsubscribe import UnsubscribeSigner
from services.notifications.adapters.webhook_http import WebhookClient
from services.notifications.domain.webhooks import RETRY_BASE_S
from services.notifications.entrypoints.bus_access import BUS_ACCESS
from services.notifications.entrypoints.consumers import CENSUS_EVENTS, LOCATION_EVENTS
from services.notifications.entrypoints.rpc import register_rpc
from services.notifications.service_layer.company_people import CompanyPeople
from services.notifications.service_layer.digests import send_due_digests, send_held_digests
from services.notifications.service_layer.dispatcher import CLAIM_LEASE, Dispatcher
from services.notifications.service_layer.handlers import CensusNotifier
from services.notifications.service_layer.housekeeping import (
    forget_old_bodies,
    forget_old_pace,
    remind_dead_letters,
    reseal_webhook_secrets,
)
from services.notifications.service_layer.import_handlers import ImportNotifier
from services.notifications.service_layer.location_handlers import LocationNotifier
from services.notifications.service_layer.notify import DEFAULT_MAILS_PER_HOUR, Notifier
from services.notifications.service_layer.unit_of_work import NotificationsUnitOfWork
from services.notifications.service_layer.webhook_dispatcher import WebhookDispatcher
from shared.contracts import ImportacioCompletada
from shared.messaging.consumer import EventConsumer, Route
from shared.messaging.rpc import RpcClient
from shared.periodic import every
from shared.runtime import ServiceRuntime
from shared.settings import PublicUrlSettings, load_settings, service_secret

NAME = "notifications"
MIGRATIONS = Path(__file__).parent / "adapters" / "migrations"
log = structlog.get_logger(__name__)


class NotificationsSettings(PublicUrlSettings):
    smtp_url: str | None = None
    # How often digests of leads (daily, weekly) are checked for.
    resums_interval_s: float = Field(default=60.0, gt=0)
    # Mail servers limit the sessions one client may hold open; four keeps a relay busy.
    smtp_connections: int = Field(default=4, ge=1, le=32)
    staff_email: EmailStr = "promocio.industrial@terrassa.example"
    mail_from: str = "Districte industrial de Terrassa <no-reply@districte.terrassa.example>"
    # Signs the unsubscribe links of the mails (≥ 32 characters). Unset: one is generated and
    # kept under the data directory (fine for one node; replicas must share one).
    unsubscribe_secret: SecretStr | None = Field(default=None, min_length=32)
    # Seals the webhooks' signing secrets in the database (≥ 32 characters; several separated by
    # commas rotate: the first seals, all open). Unset: generated and kept like the one above.
    webhook_secrets_key: SecretStr | None = Field(default=None, min_length=32)
    # Immediate mails one recipient gets in an hour; the rest wait for a digest at the next hour.
    mails_per_hora: int = Field(default=DEFAULT_MAILS_PER_HOUR, ge=1, le=10_000_000)
    # Webhooks may point at private or loopback addresses (only for tests and closed networks).
    webhooks_allow_private: bool = False
    # A webhook failing this many deliveries in a row is disabled and its owner told.
    webhook_max_fallades: int = Field(default=10, ge=1, le=1000)
    # The first retry of a failed webhook delivery; each next one waits twice as long (≤ 1 h).
    webhook_retry_base_s: float = Field(default=RETRY_BASE_S, gt=0, le=3600)
    # How long a replica holds the mails and webhook deliveries it claimed: if it dies, another sends
    # them after this (it must be longer than a batch takes to send, or a slow batch goes twice).
    reserva_enviament_s: float = Field(default=CLAIM_LEASE.total_seconds(), ge=5, le=86_400)
    # Mail bodies are forgotten this many days after they went out (the log keeps the rest).
    retencio_dies: int = Field(default=180, ge=1, le=3650)
    # How often old bodies are forgotten and dead letters looked for (staff hear once a day).
    manteniment_interval_s: float = Field(default=3600.0, gt=0)

    @field_validator("smtp_url")
    @classmethod
    def _smtp_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("smtp://", "smtps://")):
            raise ValueError("cal una URL smtp://HOST:PORT o smtps://HOST:PORT")
        return value


def mail_transport(settings: NotificationsSettings) -> MailTransport:
    if settings.smtp_url:
        return SmtpTransport(settings.smtp_url)
    return FileTransport(settings.data_dir / "mail")


def build(settings: NotificationsSettings) -> ServiceRuntime:
    runtime = ServiceRuntime(NAME, settings, MIGRATIONS, BUS_ACCESS, default_health_port=8103)
    pending, webhook_pending = asyncio.Event(), asyncio.Event()
    secrets = SecretBox(keys_from(service_secret(settings.webhook_secrets_key, settings.data_dir,
                                                 "notifications-webhook-secrets-key")))
    uow = partial(NotificationsUnitOfWork, runtime.database, secrets, pending, webhook_signal=webhook_pending)
    signer = UnsubscribeSigner(service_secret(settings.unsubscribe_secret, settings.data_dir,
                                              "notifications-unsubscribe-secret"))
    notifier = Notifier(Renderer(), signer, settings.public_url, settings.mails_per_hora)
    staff_email = str(settings.staff_email)
    census = CensusNotifier(notifier, staff_email, settings.public_url)
    imports = ImportNotifier(notifier, staff_email, settings.public_url)
    people = CompanyPeople(notifier, settings.public_url)
    census_routes = [*census.routes(), *people.routes(),
                     Route(ImportacioCompletada, imports.on_importacio_completada)]
    runtime.add_consumer(EventConsumer(CENSUS_EVENTS, census_routes, uow, runtime.dead_letters,
                                       runtime.metrics))
    location = LocationNotifier(notifier, staff_email, settings.public_url)
    runtime.add_consumer(EventConsumer(LOCATION_EVENTS, location.routes(), uow, runtime.dead_letters,
                                       runtime.metrics))
    register_rpc(runtime.router, uow, signer, WebhookClient(settings.webhooks_allow_private), notifier)
    # Replicas need PostgreSQL; on SQLite this process is the only sender and claims nothing.
    claims = not runtime.database.is_sqlite
    lease = timedelta(seconds=settings.reserva_enviament_s)
    dispatcher = Dispatcher(uow, mail_transport(settings), settings.mail_from, pending,
                            connections=settings.smtp_connections, claims=claims, lease=lease)
    runtime.add_job(dispatcher.run)
    runtime.add_job(WebhookDispatcher(
        uow, WebhookClient(settings.webhooks_allow_private), notifier, webhook_pending,
        max_failures=settings.webhook_max_fallades, retry_base_s=settings.webhook_retry_base_s, claims=claims,
        lease=lease).run)

    async def digests() -> None:
        now = datetime.now(UTC)
        if await send_due_digests(uow, notifier, location, now) + await send_held_digests(uow, notifier, now):
            pending.set()

    runtime.add_job(every(settings.resums_interval_s, digests, "digests"))
    rpc = RpcClient(runtime.nats)

    async def housekeeping() -> None:
        now = datetime.now(UTC)
        await forget_old_bodies(uow, now, timedelta(days=settings.retencio_dies))
        await forget_old_pace(uow, now)
        await reseal_webhook_secrets(uow)
        if await remind_dead_letters(uow, notifier, staff_email, settings.public_url,
                                     await waiting_dead_letters(rpc), now):
            pending.set()

    runtime.add_job(every(settings.manteniment_interval_s, housekeeping, "housekeeping"))
    return runtime


def main() -> None:
    build(load_settings(NotificationsSettings)).run()
