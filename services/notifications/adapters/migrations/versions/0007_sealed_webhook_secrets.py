"""Notifications: webhook secrets are stored sealed (longer than in clear); the service's
housekeeping seals those stored before.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("webhooks") as batch:
        batch.alter_column("secret", type_=sa.String(400), existing_type=sa.String(100), existing_nullable=False)


def downgrade() -> None:
    # Sealed values do not fit back: downgrading needs the secrets opened first.
    with op.batch_alter_table("webhooks") as batch:
        batch.alter_column("secret", type_=sa.String(100), existing_type=sa.String(400), existing_nullable=False)
