"""Configuration from the environment (``DISTRICTE_*``), validated once at start-up.

A bad value stops the process with a message that names the variable, so an operator
never has to guess which setting is wrong.
"""

from __future__ import annotations

import secrets
import sys
from pathlib import Path
from typing import Annotated, Literal, TypeVar
from urllib.parse import urlsplit

from pydantic import EmailStr, Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from shared.contracts.ingest import PARTNER_PATTERN

ENV_PREFIX = "DISTRICTE_"


class ServiceSettings(BaseSettings):
    """Settings every service process reads."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="ignore")

    # One or more servers of the cluster, comma-separated.
    nats_url: str = "nats://127.0.0.1:4222"
    # This service's NATS identity (an NKey seed, SU..., made by `districte nats-config`); unset: none.
    nats_nkey_seed: SecretStr | None = None
    # TLS to NATS: the CA that signed the servers' certificate; a client certificate if they require one.
    nats_tls_ca: Path | None = None
    nats_tls_cert: Path | None = None
    nats_tls_key: Path | None = None
    # Copies of each stream: 1 on one server, 3 on a production cluster.
    nats_stream_replicas: int = Field(default=1, ge=1, le=5)
    # Streams and consumers are declared by `districte provision` (production identities may not).
    nats_provisioned: bool = False
    database_url: str | None = None
    data_dir: Path = Path(".districte")
    log_format: Literal["json", "console"] = "json"
    log_level: Literal["debug", "info", "warning", "error"] = "info"
    # Interface the HTTP endpoints listen on; 0.0.0.0 in containers.
    http_host: str = "127.0.0.1"
    health_port: int | None = Field(default=None, ge=0, le=65535)
    # How long JetStream waits for an ack before redelivering (default per consumer: 30 s).
    consumer_ack_wait_s: float | None = Field(default=None, gt=0)
    # How many deliveries an event gets before it becomes a dead letter (default per consumer: 8).
    consumer_max_deliver: int | None = Field(default=None, ge=1, le=100)
    # How long a graceful shutdown may take before in-flight work is abandoned to redelivery.
    shutdown_timeout_s: float = Field(default=20.0, gt=0)

    @field_validator("nats_url")
    @classmethod
    def _nats_url(cls, value: str) -> str:
        for part in value.split(","):
            parsed = urlsplit(part.strip())
            if parsed.scheme not in {"nats", "tls", "ws", "wss"} or not parsed.hostname:
                raise ValueError("cal una URL nats://HOST:PORT")
        return value

    @field_validator("nats_nkey_seed")
    @classmethod
    def _nats_nkey_seed(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None:
            return None
        seed = value.get_secret_value().strip()  # as read from a file, newline included
        if not seed.startswith("SU"):
            raise ValueError("cal la llavor NKey d'un usuari (comença per SU), de `districte nats-config`")
        return SecretStr(seed)

    @model_validator(mode="after")
    def _nats_client_certificate(self) -> ServiceSettings:
        if (self.nats_tls_cert is None) != (self.nats_tls_key is None):
            raise ValueError("DISTRICTE_NATS_TLS_CERT i DISTRICTE_NATS_TLS_KEY van juntes")
        return self

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError("cal una URL sqlite+aiosqlite:///FITXER o postgresql+asyncpg://...")
        return value

    def database_url_for(self, service: str) -> str:
        """The service's own database: the configured URL, or SQLite under the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.data_dir / f'{service}.db').resolve()}"


class PartnerIngestSettings(ServiceSettings):
    """Settings of a service that takes records from partner systems (stream ``INGEST``)."""

    # Partner systems allowed to publish (offers to location, companies to census), each with the
    # mailbox told when a record is refused: JSON, e.g. {"agencia-valles": "it@agenciavalles.example"}.
    ingest_partners: dict[Annotated[str, Field(pattern=PARTNER_PATTERN)], EmailStr] = Field(default_factory=dict)


class PublicUrlSettings(ServiceSettings):
    """Settings of a service that writes links to the portal (in mails, in cookies' scope)."""

    # Where people reach the portal: the base of the links in the mails.
    public_url: str = Field(default="http://127.0.0.1:8000", pattern=r"^https?://[^\s/]+(/\S*)?$")


class SignedLinkSettings(ServiceSettings):
    """Settings of a service that mails signed one-click links (see shared.signed_links)."""

    # Signs the links mailed to people (≥ 32 characters). Unset: one is generated and kept under
    # the data directory (fine for one node; replicas must share one).
    link_secret: SecretStr | None = Field(default=None, min_length=32)


S = TypeVar("S", bound=BaseSettings)


def load_settings(cls: type[S]) -> S:
    """Read settings or exit with one line per bad variable."""
    try:
        return cls()
    except ValidationError as exc:
        lines = []
        for error in exc.errors():
            if not error["loc"]:  # a rule across variables names them itself
                lines.append(error["msg"].removeprefix("Value error, "))
                continue
            lines.append(f"{ENV_PREFIX}{str(error['loc'][0]).upper()}: {error['msg']}")
        sys.exit("Configuració no vàlida:\n  " + "\n  ".join(lines))


def service_secret(configured: SecretStr | None, data_dir: Path, name: str) -> str:
    """A signing secret: the configured one, or one generated once and kept under the data
    directory (fine for one node; replicas must be given the same one)."""
    if configured is not None:
        return configured.get_secret_value()
    path = data_dir / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(48))
    return path.read_text().strip()
