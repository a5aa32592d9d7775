"""Census: a company's departure from its estate.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

from services.census.adapters.tables import baixa_columns

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("empreses") as batch:
        for column in baixa_columns():
            batch.add_column(column)


def downgrade() -> None:
    with op.batch_alter_table("empreses") as batch:
        for column in reversed(baixa_columns()):
            batch.drop_column(column.name)
