"""The notifications database tables (SQLAlchemy Core)."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, Text, UniqueConstraint

metadata = MetaData()

poligons = Table(
    "poligons", metadata,
    Column("poligon_id", String(80), primary_key=True),
    Column("nom", String(200), nullable=False),
)

ens_gestors = Table(
    "ens_gestors", metadata,
    Column("ens_gestor_id", String(36), primary_key=True),
    Column("nom", String(200), nullable=False),
    Column("email", String(320), nullable=False),
)

ens_gestor_poligons = Table(
    "ens_gestor_poligons", metadata,
    Column("ens_gestor_id", String(36), primary_key=True),
    Column("poligon_id", String(80), primary_key=True),
)

notificacions = Table(
    "notificacions", metadata,
    Column("notificacio_id", String(36), primary_key=True),
    Column("destinatari", String(320), nullable=False, index=True),
    Column("canal", String(20), nullable=False),
    Column("assumpte", String(300), nullable=False),
    Column("cos_text", Text, nullable=False),
    Column("cos_html", Text, nullable=False),
    Column("causa", String(36), nullable=False),
    Column("correlacio", String(64), nullable=False),
    Column("estat", String(20), nullable=False),
    Column("intents", Integer, nullable=False),
    Column("proper_intent_el", DateTime(timezone=True), nullable=False),
    Column("darrer_error", Text),
    Column("creada_el", DateTime(timezone=True), nullable=False),
    Column("enviada_el", DateTime(timezone=True)),
    # Exactly one notification per recipient, causing event and channel.
    UniqueConstraint("destinatari", "causa", "canal", name="uq_notificacio_destinatari_causa_canal"),
)
