"""Notifications: known estates and management bodies, notifications; messaging tables.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from shared.persistence.messaging_tables import create_messaging_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_messaging_tables(op)
    op.create_table(
        "poligons",
        sa.Column("poligon_id", sa.String(80), primary_key=True),
        sa.Column("nom", sa.String(200), nullable=False),
    )
    op.create_table(
        "ens_gestors",
        sa.Column("ens_gestor_id", sa.String(36), primary_key=True),
        sa.Column("nom", sa.String(200), nullable=False),
        sa.Column("email", sa.String(320), nullable=False),
    )
    op.create_table(
        "ens_gestor_poligons",
        sa.Column("ens_gestor_id", sa.String(36), primary_key=True),
        sa.Column("poligon_id", sa.String(80), primary_key=True),
    )
    op.create_table(
        "notificacions",
        sa.Column("notificacio_id", sa.String(36), primary_key=True),
        sa.Column("destinatari", sa.String(320), nullable=False),
        sa.Column("canal", sa.String(20), nullable=False),
        sa.Column("assumpte", sa.String(300), nullable=False),
        sa.Column("cos_text", sa.Text, nullable=False),
        sa.Column("cos_html", sa.Text, nullable=False),
        sa.Column("causa", sa.String(36), nullable=False),
        sa.Column("correlacio", sa.String(64), nullable=False),
        sa.Column("estat", sa.String(20), nullable=False),
        sa.Column("intents", sa.Integer, nullable=False),
        sa.Column("proper_intent_el", sa.DateTime(timezone=True), nullable=False),
        sa.Column("darrer_error", sa.Text),
        sa.Column("creada_el", sa.DateTime(timezone=True), nullable=False),
        sa.Column("enviada_el", sa.DateTime(timezone=True)),
        sa.UniqueConstraint("destinatari", "causa", "canal",
                            name="uq_notificacio_destinatari_causa_canal"),
    )
    op.create_index("ix_notificacions_destinatari", "notificacions", ["destinatari"])
    op.create_index("ix_notificacions_pendents", "notificacions", ["estat", "proper_intent_el"])


def downgrade() -> None:
    for table in ("notificacions", "ens_gestor_poligons", "ens_gestors", "poligons",
                  "dead_letters", "processed_events", "outbox"):
        op.drop_table(table)
