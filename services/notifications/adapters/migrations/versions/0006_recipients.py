"""Notifications: the people with a portal account who receive notifications (staff users).

Revision ID: 0006
Revises: 0005
"""

from alembic import op

from services.notifications.adapters.tables import destinatari_columns

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("destinataris", *destinatari_columns())


def downgrade() -> None:
    op.drop_table("destinataris")
