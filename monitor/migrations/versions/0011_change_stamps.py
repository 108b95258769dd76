"""change stamps: per indicator the score generation that last wrote its scores, and a
counter for the catalogue and the areas, so caches keep what a change did not touch

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 04:30:00
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "indicator_stamps",
        sa.Column("division_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("indicator_id", sa.String(length=80), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.Column("built_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("division_id", "indicator_id", name=op.f("pk_indicator_stamps")),
    )
    stamps = op.create_table(
        "change_stamps",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_change_stamps")),
    )
    # Every subject starts stamped now: what a store held before has a stamp no other
    # store shares (an absent row would fall back on the score stamp: every publish).
    at = datetime.now(UTC)
    op.bulk_insert(
        stamps,
        [
            {"name": name, "generation": 1, "changed_at": at}
            for name in ("areas", "catalogue", "national")
        ],
    )


def downgrade() -> None:
    op.drop_table("change_stamps")
    op.drop_table("indicator_stamps")
