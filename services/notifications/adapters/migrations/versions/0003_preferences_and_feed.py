"""Notifications: recipients' preferences; a notification's kind, read mark (portal feed),
unsubscribe link and the digest it went out in.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "preferencies",
        sa.Column("destinatari", sa.String(320), primary_key=True),
        sa.Column("rol", sa.String(20), nullable=False),
        sa.Column("dades", sa.JSON, nullable=False),
        sa.Column("actualitzades_el", sa.DateTime(timezone=True), nullable=False),
    )
    with op.batch_alter_table("notificacions") as batch:
        # Notifications stored before kinds existed keep an explicit "unknown".
        batch.add_column(sa.Column("tipus", sa.String(40), nullable=False, server_default="desconegut"))
        batch.add_column(sa.Column("llegida_el", sa.DateTime(timezone=True)))
        batch.add_column(sa.Column("idioma", sa.String(2), nullable=False, server_default="ca"))
        batch.add_column(sa.Column("enllac_baixa", sa.Text))
        batch.add_column(sa.Column("resum_id", sa.String(36)))
    op.create_index("ix_notificacions_resum", "notificacions", ["resum_id"])


def downgrade() -> None:
    op.drop_index("ix_notificacions_resum", "notificacions")
    with op.batch_alter_table("notificacions") as batch:
        for column in ("resum_id", "enllac_baixa", "idioma", "llegida_el", "tipus"):
            batch.drop_column(column)
    op.drop_table("preferencies")
