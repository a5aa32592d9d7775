"""Census: companies published by partner systems, known by (partner, the partner's own id).

Revision ID: 0008
Revises: 0007
"""

from alembic import op

from services.census.adapters.tables import empresa_externa_columns

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("empreses_externes", *empresa_externa_columns())


def downgrade() -> None:
    op.drop_table("empreses_externes")
