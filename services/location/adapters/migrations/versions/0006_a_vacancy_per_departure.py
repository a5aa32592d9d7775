"""Location: a possible vacancy per departure, not per company (a company that moved within the
district may leave its new estate too).

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

from services.location.adapters.tables import DEPARTURE_KEY, INDEXES, vacant_columns

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint("vacants_possibles_empresa_id_key", "vacants_possibles", type_="unique")
    else:
        # SQLite keeps the column's UNIQUE unnamed: the table is rebuilt from its new definition.
        rebuilt = sa.Table("vacants_possibles", sa.MetaData(), *vacant_columns(one_per_company=False),
                           *(sa.Index(name, *cols) for name, cols in INDEXES["vacants_possibles"]))
        with op.batch_alter_table("vacants_possibles", recreate="always", copy_from=rebuilt):
            pass
    op.create_index(DEPARTURE_KEY[0], "vacants_possibles", DEPARTURE_KEY[1], unique=True)


def downgrade() -> None:
    op.drop_index(DEPARTURE_KEY[0], "vacants_possibles")
