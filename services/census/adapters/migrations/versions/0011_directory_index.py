"""Census: the directory's indexes (its order, and what its filters read), in place of the
one-column indexes on the estate and the activity.

Revision ID: 0011
Revises: 0010
"""

from alembic import op

from services.census.adapters.tables import DIRECTORY_INDEXES

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None
REPLACED = (("ix_empreses_cnae", "cnae"), ("ix_empreses_poligon_id", "poligon_id"))


def upgrade() -> None:
    for name, _ in REPLACED:
        op.drop_index(name, "empreses")
    for name, *columns in DIRECTORY_INDEXES:
        op.create_index(name, "empreses", columns)


def downgrade() -> None:
    for name, *_ in DIRECTORY_INDEXES:
        op.drop_index(name, "empreses")
    for name, column in REPLACED:
        op.create_index(name, "empreses", [column])
