"""Census: one *active* record per NIF and estate, so a company that left may come back.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None
ACTIVE = sa.text("estat = 'activa'")


def upgrade() -> None:
    with op.batch_alter_table("empreses") as batch:
        batch.drop_constraint("uq_empreses_nif_poligon", type_="unique")
    op.create_index("uq_empreses_nif_poligon_activa", "empreses", ["nif", "poligon_id"], unique=True,
                    sqlite_where=ACTIVE, postgresql_where=ACTIVE)


def downgrade() -> None:
    op.drop_index("uq_empreses_nif_poligon_activa", "empreses")
    with op.batch_alter_table("empreses") as batch:
        batch.create_unique_constraint("uq_empreses_nif_poligon", ["nif", "poligon_id"])
