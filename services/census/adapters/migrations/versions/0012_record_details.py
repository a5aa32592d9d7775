"""Census: a company's CNAE-2025 class, other activities, headcount year and website; its establishment's postal
code, cadastral reference, coordinates, tenure, surface and whether it is the head office.

Revision ID: 0012
Revises: 0011
"""

from alembic import op

from services.census.adapters.tables import record_detail_columns

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("empreses") as batch:
        for column in record_detail_columns():
            batch.add_column(column)


def downgrade() -> None:
    with op.batch_alter_table("empreses") as batch:
        for column in record_detail_columns():
            batch.drop_column(column.name)
