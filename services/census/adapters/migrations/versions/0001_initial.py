"""Census: estates, management bodies, companies; messaging tables.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from shared.persistence.messaging_tables import create_messaging_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_messaging_tables(op)
    op.create_table(
        "poligons",
        sa.Column("poligon_id", sa.String(80), primary_key=True),
        sa.Column("nom", sa.String(200), nullable=False),
        sa.Column("estat", sa.String(20), nullable=False),
        sa.Column("superficie_m2", sa.Integer, nullable=False),
        sa.Column("lat", sa.Float, nullable=False),
        sa.Column("lon", sa.Float, nullable=False),
    )
    op.create_table(
        "ens_gestors",
        sa.Column("ens_gestor_id", sa.String(36), primary_key=True),
        sa.Column("nom", sa.String(200), nullable=False),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("registrat_el", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "ens_gestor_poligons",
        sa.Column("ens_gestor_id", sa.String(36), sa.ForeignKey("ens_gestors.ens_gestor_id"),
                  primary_key=True),
        sa.Column("poligon_id", sa.String(80), sa.ForeignKey("poligons.poligon_id"),
                  primary_key=True),
    )
    op.create_table(
        "empreses",
        sa.Column("empresa_id", sa.String(36), primary_key=True),
        sa.Column("nif", sa.String(9), nullable=False),
        sa.Column("persona_fisica", sa.Boolean, nullable=False),
        sa.Column("rao_social", sa.String(200), nullable=False),
        sa.Column("nom_comercial", sa.String(200)),
        sa.Column("cnae", sa.String(4), nullable=False),
        sa.Column("poligon_id", sa.String(80), sa.ForeignKey("poligons.poligon_id"), nullable=False),
        sa.Column("adreca", sa.String(300)),
        sa.Column("email", sa.String(320)),
        sa.Column("telefon", sa.String(30)),
        sa.Column("treballadors", sa.Integer),
        sa.Column("registrada_el", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("nif", "poligon_id", name="uq_empreses_nif_poligon"),
    )
    op.create_index("ix_empreses_cnae", "empreses", ["cnae"])
    op.create_index("ix_empreses_poligon_id", "empreses", ["poligon_id"])


def downgrade() -> None:
    for table in ("empreses", "ens_gestor_poligons", "ens_gestors", "poligons",
                  "dead_letters", "processed_events", "outbox"):
        op.drop_table(table)
