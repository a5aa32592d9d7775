"""Notifications: the address each census contact person was written at, to erase it on request.

Revision ID: 0008
Revises: 0007
"""

from alembic import op

from services.notifications.adapters.tables import contacte_cens_columns

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("contactes_cens", *contacte_cens_columns())


def downgrade() -> None:
    op.drop_table("contactes_cens")
