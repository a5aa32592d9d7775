"""Location: an owner's own offers (by the contact's address) and a company's own requests (by its
address or NIF) are read off an index: the portal's screens for owners and companies list them.

A new database has them from 0002 (which builds every index of INDEXES for these tables).

Revision ID: 0007
Revises: 0006
"""

from alembic import op

from services.location.adapters.tables import INDEXES

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None
NEW = {"ofertes": ["ix_ofertes_contacte"], "demandes": ["ix_demandes_empresa_email", "ix_demandes_empresa_nif"]}


def upgrade() -> None:
    for table, names in NEW.items():
        for name, columns in INDEXES[table]:
            if name in names:
                op.create_index(name, table, columns, if_not_exists=True)


def downgrade() -> None:
    for table, names in NEW.items():
        for name in names:
            op.drop_index(name, table, if_exists=True)
