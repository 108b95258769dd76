"""Score groups by reference area: one area's profile reads its gemeente's groups of its
level (on a national store 1,000 of 342,000) through an index instead of a level scan.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_score_groups_reference",
        "score_groups",
        ["division_id", "level", "ref_code", "indicator_id", "period"],
    )


def downgrade() -> None:
    op.drop_index("ix_score_groups_reference", table_name="score_groups")
