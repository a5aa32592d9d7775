"""Notifications: webhooks and their deliveries; the causing event's data on a notification;
mails per recipient and hour (the rate limit); an index for a recipient's feed.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

from services.notifications.adapters.tables import (
    lliurament_webhook_columns,
    ritme_correu_columns,
    webhook_columns,
)

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("webhooks", *webhook_columns())
    op.create_index("ix_webhooks_propietari", "webhooks", ["propietari"])
    op.create_table("lliuraments_webhook", *lliurament_webhook_columns())
    op.create_index("ix_lliuraments_pendents", "lliuraments_webhook", ["estat", "proper_intent_el"])
    with op.batch_alter_table("notificacions") as batch:
        batch.add_column(sa.Column("dades", sa.JSON))
    op.create_table("ritme_correu", *ritme_correu_columns())
    # A recipient's feed and mails, newest first.
    op.create_index("ix_notificacions_destinatari_canal", "notificacions", ["destinatari", "canal", "creada_el"])


def downgrade() -> None:
    op.drop_index("ix_notificacions_destinatari_canal", "notificacions")
    op.drop_table("ritme_correu")
    with op.batch_alter_table("notificacions") as batch:
        batch.drop_column("dades")
    op.drop_table("lliuraments_webhook")
    op.drop_table("webhooks")
