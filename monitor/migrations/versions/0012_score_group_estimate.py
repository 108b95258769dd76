"""PostgreSQL: how many score groups the score rows belong to, told to the planner.

``ANALYZE`` samples some 30,000 of the score rows; rows of one group lie together, so the
sample sees few of a group's rows and the estimate of distinct groups comes out far too
low (on a national store 52,000 instead of 1,026,000: 341 rows per group instead of 17).
A join of a few groups with their rows was then planned as a parallel scan of every
group (100–200 ms instead of 1–5 ms). ``n_distinct = -0.05``: the groups are about a
twentieth of the rows (national 0.058, a city of 90 buurten about 0.03), kept by every
later ``ANALYZE``. SQLite keeps no such statistics: nothing to do there.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 18:10:00
"""

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE scores ALTER COLUMN group_id SET (n_distinct = -0.05)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE scores ALTER COLUMN group_id RESET (n_distinct)")
