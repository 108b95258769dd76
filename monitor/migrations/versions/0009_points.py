"""points: meldingen and voorzieningen per buurt

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 23:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "points",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("soort", sa.String(length=20), nullable=False),
        sa.Column("point_key", sa.String(length=80), nullable=False),
        sa.Column("area_id", sa.Integer(), nullable=False),
        sa.Column("datum", sa.Date(), nullable=True),
        sa.Column("category", sa.String(length=120), nullable=False),
        sa.Column("subcategory", sa.String(length=120), nullable=True),
        sa.Column("status", sa.String(length=60), nullable=True),
        sa.Column("handling_days", sa.Float(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("address", sa.String(length=300), nullable=True),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("upload_id", sa.Integer(), nullable=False),
        sa.Column("is_current", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["area_id"], ["areas.id"], name="fk_points_area_id_areas"),
        sa.ForeignKeyConstraint(["upload_id"], ["uploads.id"], name="fk_points_upload_id_uploads"),
        sa.PrimaryKeyConstraint("id", name="pk_points"),
    )
    op.create_index("ix_points_upload", "points", ["upload_id"])
    op.create_index("ix_points_area", "points", ["area_id", "soort", "is_current"])
    op.create_index(
        "uq_points_current",
        "points",
        ["soort", "point_key"],
        unique=True,
        sqlite_where=sa.text("is_current = 1"),
        postgresql_where=sa.text("is_current"),
    )


def downgrade() -> None:
    op.drop_index("uq_points_current", table_name="points")
    op.drop_index("ix_points_area", table_name="points")
    op.drop_index("ix_points_upload", table_name="points")
    op.drop_table("points")
