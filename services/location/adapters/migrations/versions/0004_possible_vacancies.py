"""Location: possible vacancies, from companies that left their estate.

Revision ID: 0004
Revises: 0003
"""

from alembic import op

from services.location.adapters.tables import INDEXES, vacant_columns

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("vacants_possibles", *vacant_columns())
    for name, columns in INDEXES["vacants_possibles"]:
        op.create_index(name, "vacants_possibles", columns)


def downgrade() -> None:
    op.drop_table("vacants_possibles")
