"""Census: a company's named contact persons.

Revision ID: 0009
Revises: 0008
"""

from alembic import op

from services.census.adapters.tables import contacte_columns

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("contactes", *contacte_columns())
    op.create_index("ix_contactes_empresa_id", "contactes", ["empresa_id"])


def downgrade() -> None:
    op.drop_table("contactes")
