"""Census: an index of the companies the duplicate scan has still to compare.

Revision ID: 0013
Revises: 0012
"""

from alembic import op

from services.census.adapters.tables import TO_COMPARE_INDEX, TO_COMPARE_WHERE

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    name, *columns = TO_COMPARE_INDEX
    op.create_index(name, "empreses", columns, **TO_COMPARE_WHERE)


def downgrade() -> None:
    op.drop_index(TO_COMPARE_INDEX[0], "empreses")
