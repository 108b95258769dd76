"""Where an indicator's polarity came from, and users' own polarities.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

COLUMNS = (
    ("polarity_source", sa.String(length=20)),
    ("polarity_reason", sa.Text()),
    ("polarity_reason_en", sa.Text()),
    ("polarity_metadata", sa.String(length=20)),
    ("polarity_by", sa.String(length=120)),
)


def upgrade() -> None:
    with op.batch_alter_table("indicators") as batch_op:
        for name, type_ in COLUMNS:
            batch_op.add_column(sa.Column(name, type_, nullable=True))
    op.create_table(
        "polarity_overrides",
        sa.Column("indicator_id", sa.String(length=80), nullable=False),
        sa.Column("polarity", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("base_polarity", sa.String(length=20), nullable=True),
        sa.Column("base_source", sa.String(length=20), nullable=True),
        sa.Column("base_reason", sa.Text(), nullable=True),
        sa.Column("base_reason_en", sa.Text(), nullable=True),
        sa.Column("base_by", sa.String(length=120), nullable=True),
        sa.PrimaryKeyConstraint("indicator_id", name=op.f("pk_polarity_overrides")),
    )


def downgrade() -> None:
    op.drop_table("polarity_overrides")
    with op.batch_alter_table("indicators") as batch_op:
        for name, _ in reversed(COLUMNS):
            batch_op.drop_column(name)
