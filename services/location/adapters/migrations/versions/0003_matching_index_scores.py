"""Location: the matching indexes carry every value matching reads, so it scores in place.

Revision ID: 0003
Revises: 0002

The index is derived from the active demands: it is rebuilt, not altered.
"""

from alembic import op
from sqlalchemy import select

from services.location.adapters.demand_repository import demanda_from_row, index_rows
from services.location.adapters.tables import INDEXES, demanda_franges, demandes, franja_columns

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_ofertes_mercat", "ofertes")
    [(name, columns)] = [index for index in INDEXES["ofertes"] if index[0] == "ix_ofertes_mercat"]
    op.create_index(name, "ofertes", columns)
    op.drop_table("demanda_franges")
    op.create_table("demanda_franges", *franja_columns())
    for name, columns in INDEXES["demanda_franges"]:
        op.create_index(name, "demanda_franges", columns)
    connection = op.get_bind()
    active = [demanda_from_row(row._mapping)
              for row in connection.execute(select(demandes).where(demandes.c.estat == "activa"))]
    rows = index_rows(active)
    if rows:
        connection.execute(demanda_franges.insert(), rows)


def downgrade() -> None:
    raise NotImplementedError("the matching index of revision 0002 is not rebuilt backwards")
