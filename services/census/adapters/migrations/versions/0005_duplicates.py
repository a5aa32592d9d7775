"""Census: likely duplicates suggested to staff; imports report them.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

from services.census.adapters.tables import duplicat_columns, import_duplicate_columns

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("duplicats", *duplicat_columns(),
                    sa.UniqueConstraint("empresa_id", "altra_id", name="uq_duplicats_parella"),
                    sa.Index("ix_duplicats_estat", "estat", "detectat_el"))
    for table, column in import_duplicate_columns():
        with op.batch_alter_table(table) as batch:
            batch.add_column(column)


def downgrade() -> None:
    for table, column in reversed(import_duplicate_columns()):
        with op.batch_alter_table(table) as batch:
            batch.drop_column(column.name)
    op.drop_table("duplicats")
