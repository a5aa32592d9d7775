"""Location: estates, offers, demands and leads, partners' offers.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

from services.location.adapters.tables import (
    INDEXES,
    coincidencia_columns,
    demanda_columns,
    franja_columns,
    oferta_columns,
    oferta_externa_columns,
    poligon_columns,
)

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("poligons", *poligon_columns())
    op.create_table("ofertes", *oferta_columns())
    op.create_table("demandes", *demanda_columns())
    op.create_table("demanda_franges", *franja_columns())
    op.create_table("coincidencies", *coincidencia_columns())
    op.create_table("ofertes_externes", *oferta_externa_columns())
    for table in ("ofertes", "demandes", "demanda_franges", "coincidencies"):  # later tables: later revisions
        for name, columns in INDEXES[table]:
            op.create_index(name, table, columns)


def downgrade() -> None:
    for table in ("ofertes_externes", "coincidencies", "demanda_franges", "demandes", "ofertes", "poligons"):
        op.drop_table(table)
