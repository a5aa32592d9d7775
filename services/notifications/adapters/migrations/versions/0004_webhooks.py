"""Notifications: webhooks and their deliveries; the causing event's data on a notification; an
index for a recipient's recent mails.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "webhooks",
        sa.Column("webhook_id", sa.String(36), primary_key=True),
        sa.Column("propietari", sa.String(320), nullable=False),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("secret", sa.String(100), nullable=False),
        sa.Column("tipus", sa.JSON),
        sa.Column("descripcio", sa.String(200)),
        sa.Column("actiu", sa.Boolean, nullable=False),
        sa.Column("fallades_seguides", sa.Integer, nullable=False),
        sa.Column("desactivat_el", sa.DateTime(timezone=True)),
        sa.Column("motiu_desactivacio", sa.Text),
        sa.Column("creat_el", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_webhooks_propietari", "webhooks", ["propietari"])
    op.create_table(
        "lliuraments_webhook",
        sa.Column("lliurament_id", sa.String(36), primary_key=True),
        sa.Column("notificacio_id", sa.String(36), nullable=False),
        sa.Column("webhook_id", sa.String(36), nullable=False),
        sa.Column("estat", sa.String(20), nullable=False),
        sa.Column("intents", sa.Integer, nullable=False),
        sa.Column("proper_intent_el", sa.DateTime(timezone=True), nullable=False),
        sa.Column("darrer_error", sa.Text),
        sa.Column("creat_el", sa.DateTime(timezone=True), nullable=False),
        sa.Column("enviat_el", sa.DateTime(timezone=True)),
        sa.UniqueConstraint("notificacio_id", "webhook_id", name="uq_lliurament_notificacio_webhook"),
    )
    op.create_index("ix_lliuraments_pendents", "lliuraments_webhook", ["estat", "proper_intent_el"])
    with op.batch_alter_table("notificacions") as batch:
        batch.add_column(sa.Column("dades", sa.JSON))
    # A recipient's recent mails, counted for the rate limit; their feed, newest first.
    op.create_index("ix_notificacions_destinatari_canal", "notificacions", ["destinatari", "canal", "creada_el"])


def downgrade() -> None:
    op.drop_index("ix_notificacions_destinatari_canal", "notificacions")
    with op.batch_alter_table("notificacions") as batch:
        batch.drop_column("dades")
    op.drop_table("lliuraments_webhook")
    op.drop_table("webhooks")
