"""Per-indicator spread for the z-methods: sd (the city's method), mad or log.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing definitions keep the city's method.
    with op.batch_alter_table("indicators") as batch_op:
        batch_op.add_column(
            sa.Column("spread", sa.String(length=10), nullable=False, server_default="sd")
        )


def downgrade() -> None:
    with op.batch_alter_table("indicators") as batch_op:
        batch_op.drop_column("spread")
