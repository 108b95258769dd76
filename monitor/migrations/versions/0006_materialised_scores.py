"""materialised scores

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04 16:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "score_groups",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("division_id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.String(length=80), nullable=False),
        sa.Column("period", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("ref_code", sa.String(length=40), nullable=False),
        sa.Column("nap", sa.Float(), nullable=True),
        sa.Column("nap_source", sa.String(length=40), nullable=False),
        sa.Column("spread", sa.Float(), nullable=True),
        sa.Column("areas", sa.Integer(), nullable=False),
        sa.Column("measured", sa.Integer(), nullable=False),
        sa.Column("usable", sa.Integer(), nullable=False),
        sa.Column("covered", sa.Integer(), nullable=False),
        sa.Column("population_covered", sa.Float(), nullable=True),
        sa.Column("population_total", sa.Float(), nullable=True),
        sa.Column("skewness", sa.Float(), nullable=True),
        sa.Column("refused_code", sa.String(length=40), nullable=True),
        sa.Column("refused_value", sa.Float(), nullable=True),
        sa.Column("refused_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["division_id"],
            ["divisions.id"],
            name=op.f("fk_score_groups_division_id_divisions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_score_groups")),
        sa.UniqueConstraint(
            "division_id", "indicator_id", "period", "level", "ref_code", name="uq_score_groups_key"
        ),
    )
    op.create_index(
        "ix_score_groups_level_period", "score_groups", ["division_id", "level", "period"]
    )
    op.create_table(
        "scores",
        sa.Column("group_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("area_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("n", sa.Float(), nullable=True),
        sa.Column("z", sa.Float(), nullable=True),
        sa.Column("measure", sa.Float(), nullable=True),
        sa.Column("ci_low", sa.Float(), nullable=True),
        sa.Column("ci_high", sa.Float(), nullable=True),
        sa.Column("klasse", sa.String(length=20), nullable=False),
        sa.Column("reden_code", sa.String(length=40), nullable=False),
        sa.Column("population", sa.Float(), nullable=True),
        sa.Column("upload_id", sa.Integer(), nullable=True),
        sa.Column("origin", sa.SmallInteger(), nullable=True),
        sa.PrimaryKeyConstraint("group_id", "area_id", name=op.f("pk_scores")),
    )
    op.create_index("ix_scores_area", "scores", ["area_id"])
    op.create_table(
        "score_state",
        sa.Column("division_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.Column("built_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("division_id", name=op.f("pk_score_state")),
    )


def downgrade() -> None:
    op.drop_table("score_state")
    op.drop_index("ix_scores_area", table_name="scores")
    op.drop_table("scores")
    op.drop_index("ix_score_groups_level_period", table_name="score_groups")
    op.drop_table("score_groups")
