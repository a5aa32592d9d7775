"""Census: where each record came from and how current it is; the audit trail.

Revision ID: 0006
Revises: 0005
"""

from alembic import op

from services.census.adapters.tables import auditoria_columns, import_actor_column, provenance_columns

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("empreses") as batch:
        for column in provenance_columns():
            batch.add_column(column)
    with op.batch_alter_table("importacions") as batch:
        batch.add_column(import_actor_column())
    op.create_table("auditoria", *auditoria_columns())
    op.create_index("ix_auditoria_empresa_id", "auditoria", ["empresa_id"])


def downgrade() -> None:
    op.drop_table("auditoria")
    with op.batch_alter_table("importacions") as batch:
        batch.drop_column("iniciada_per")
    with op.batch_alter_table("empreses") as batch:
        for column in reversed(provenance_columns()):
            batch.drop_column(column.name)
