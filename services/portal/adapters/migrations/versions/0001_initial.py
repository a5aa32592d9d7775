"""Portal: API tokens; messaging tables.

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
        "api_tokens",
        sa.Column("token_id", sa.String(36), primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("nom", sa.String(200), nullable=False),
        sa.Column("rol", sa.String(30), nullable=False),
        sa.Column("creat_el", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revocat_el", sa.DateTime(timezone=True)),
    )


def downgrade() -> None:
    for table in ("api_tokens", "dead_letters", "processed_events", "outbox"):
        op.drop_table(table)
