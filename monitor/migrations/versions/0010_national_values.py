"""national values: the country's own value per indicator and year (KWB's Nederland row)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 21:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "national_values",
        sa.Column("indicator_id", sa.String(length=80), nullable=False),
        sa.Column("period", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("flag", sa.String(length=20), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("indicator_id", "period", name="pk_national_values"),
    )


def downgrade() -> None:
    op.drop_table("national_values")
