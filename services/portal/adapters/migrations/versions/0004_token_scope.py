"""Portal: a token's scope, as a person's account has it (an ens gestor's estates, a company's NIF).

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("api_tokens") as batch:
        batch.add_column(sa.Column("poligons", sa.JSON))
        batch.add_column(sa.Column("nif", sa.String(20)))


def downgrade() -> None:
    with op.batch_alter_table("api_tokens") as batch:
        batch.drop_column("nif")
        batch.drop_column("poligons")
