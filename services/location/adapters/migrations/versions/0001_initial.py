"""Location: messaging tables only, for now.

Revision ID: 0001
Revises:
"""

from alembic import op

from shared.persistence.messaging_tables import create_messaging_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_messaging_tables(op)


def downgrade() -> None:
    for table in ("dead_letters", "processed_events", "outbox"):
        op.drop_table(table)
