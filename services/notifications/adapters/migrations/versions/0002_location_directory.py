"""Notifications: what it knows of offers, demands and leads (from location events), and
leads waiting for a digest.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

from services.notifications.adapters.tables import (
    coincidencia_coneguda_columns,
    demanda_coneguda_columns,
    oferta_coneguda_columns,
    resum_pendent_columns,
)

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("ofertes_conegudes", *oferta_coneguda_columns())
    op.create_table("demandes_conegudes", *demanda_coneguda_columns())
    op.create_table("coincidencies_conegudes", *coincidencia_coneguda_columns())
    op.create_index("ix_coincidencies_conegudes_oferta", "coincidencies_conegudes", ["oferta_id"])
    op.create_table("resums_pendents", *resum_pendent_columns())
    op.create_index("ix_resums_pendents_demanda", "resums_pendents", ["demanda_id"])


def downgrade() -> None:
    for table in ("resums_pendents", "coincidencies_conegudes", "demandes_conegudes", "ofertes_conegudes"):
        op.drop_table(table)
