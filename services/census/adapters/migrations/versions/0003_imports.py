"""Census: bulk imports of companies and their reports.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from services.census.adapters.tables import importacio_columns, importacio_linia_columns

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("importacions", *importacio_columns(), sa.Index("ix_importacions_estat", "estat"))
    op.create_table("importacio_linies", *importacio_linia_columns())


def downgrade() -> None:
    op.drop_table("importacio_linies")
    op.drop_table("importacions")
