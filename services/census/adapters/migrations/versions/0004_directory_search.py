"""Census: the directory's free-text search key (both names, without case or accents).

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

from services.census.adapters.tables import cerca_columns
from services.census.domain.names import search_key

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("empreses") as batch:
        for column in cerca_columns():
            batch.add_column(column)
    empreses = sa.table("empreses", sa.column("empresa_id"), sa.column("rao_social"), sa.column("nom_comercial"),
                        sa.column("cerca"))
    connection = op.get_bind()
    rows = connection.execute(sa.select(empreses.c.empresa_id, empreses.c.rao_social, empreses.c.nom_comercial))
    keys = [{"id": row.empresa_id, "cerca": search_key(row.rao_social, row.nom_comercial)} for row in rows]
    if keys:
        connection.execute(empreses.update().where(empreses.c.empresa_id == sa.bindparam("id"))
                           .values(cerca=sa.bindparam("cerca")), keys)


def downgrade() -> None:
    with op.batch_alter_table("empreses") as batch:
        batch.drop_column("cerca")
