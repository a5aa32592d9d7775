"""Census: an estate's sheet (uses, services, net surface...), each datum with when it was checked.

Revision ID: 0010
Revises: 0009
"""

from alembic import op

from services.census.adapters.tables import fitxa_column

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("poligons") as batch:
        batch.add_column(fitxa_column())


def downgrade() -> None:
    with op.batch_alter_table("poligons") as batch:
        batch.drop_column("fitxa")
