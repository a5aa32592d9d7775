"""Portal: accounts (invited people who sign in with a password), their sessions, failed sign-ins.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "usuaris",
        sa.Column("usuari_id", sa.String(36), primary_key=True),
        sa.Column("email", sa.String(320), nullable=False, unique=True),
        sa.Column("nom", sa.String(200), nullable=False),
        sa.Column("rol", sa.String(30), nullable=False),
        sa.Column("poligons", sa.JSON, nullable=False),
        sa.Column("nif", sa.String(20)),
        sa.Column("idioma", sa.String(2), nullable=False),
        sa.Column("estat", sa.String(12), nullable=False),
        sa.Column("contrasenya_hash", sa.String(200)),
        sa.Column("credencials_el", sa.DateTime(timezone=True), nullable=False),
        sa.Column("convidat_per", sa.String(200)),
        sa.Column("creat_el", sa.DateTime(timezone=True), nullable=False),
        sa.Column("darrera_entrada_el", sa.DateTime(timezone=True)),
    )
    op.create_table(
        "sessions",
        sa.Column("sessio_hash", sa.String(64), primary_key=True),
        sa.Column("usuari_id", sa.String(36), sa.ForeignKey("usuaris.usuari_id", ondelete="CASCADE"), nullable=False),
        sa.Column("creada_el", sa.DateTime(timezone=True), nullable=False),
        sa.Column("caduca_el", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_sessions_usuari", "sessions", ["usuari_id"])
    op.create_table(
        "intents_entrada",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("clau", sa.String(400), nullable=False),
        sa.Column("moment", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_intents_entrada_clau_moment", "intents_entrada", ["clau", "moment"])


def downgrade() -> None:
    op.drop_table("intents_entrada")
    op.drop_table("sessions")
    op.drop_table("usuaris")
