"""packed score rows: one row per score group with its areas' rows in one blob
(``monitor.store.score_pack``) instead of one row per area, and per group its count of
rows of the areas' own measurements (``own``).

A national store held 17.6 million score rows; writing, indexing and deleting them was
most of a whole rebuild. The existing rows are packed here (nothing rescores on an
upgrade); the downgrade unpacks them again.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06 21:00:00
"""

import pandas as pd
import sqlalchemy as sa
from alembic import op

from monitor.store import score_pack
from monitor.store.score_pack import pack, unpack

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

ROW_FIELDS = ["value", "n", "z", "measure", "ci_low", "ci_high", "klasse", "reden_code"]
ROW_FIELDS += ["population", "upload_id", "origin"]
#: Groups packed per step (a bounded part of the old rows in memory at a time).
GROUPS_PER_STEP = 20_000
#: The record layout this revision writes and reads (``score_pack.LAYOUT``): the code's
#: is used, so a later layout must not pack or unpack here; its own revision converts.
LAYOUT = 1


def _same_layout() -> None:
    if score_pack.LAYOUT != LAYOUT:
        raise RuntimeError(
            f"revision 0013 packs score rows in layout {LAYOUT}, this code writes layout "
            f"{score_pack.LAYOUT}: upgrade with the release that brought layout {LAYOUT} first"
        )


def _row_table() -> sa.Table:
    return sa.table(
        "scores",
        sa.column("group_id", sa.Integer),
        sa.column("area_id", sa.Integer),
        *(sa.column(name) for name in ROW_FIELDS),
    )


def _packed_table() -> sa.Table:
    return sa.table(
        "score_rows",
        sa.column("group_id", sa.Integer),
        sa.column("reasons", sa.Text),
        sa.column("rows", sa.LargeBinary),
    )


def _group_ids(conn: sa.Connection) -> list[int]:
    return [int(i) for i in conn.scalars(sa.text("SELECT id FROM score_groups ORDER BY id"))]


def upgrade() -> None:
    conn = op.get_bind()
    ids = _group_ids(conn)
    if ids:
        _same_layout()  # before any change: SQLite's DDL here is not rolled back
    op.add_column(
        "score_groups", sa.Column("own", sa.Integer(), nullable=False, server_default="0")
    )
    op.create_table(
        "score_rows",
        sa.Column("group_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("reasons", sa.Text(), nullable=True),
        sa.Column("rows", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("group_id", name=op.f("pk_score_rows")),
    )
    if conn.dialect.name == "postgresql":
        # A group's blob stays in the table's own page up to 8 kB (a gemeente of a
        # hundred buurten; PostgreSQL's default moves anything over 2 kB to its TOAST
        # table, a second insert and lookup per group). Larger ones are moved there
        # uncompressed: a ``substr`` of one record then reads only its part (compressed,
        # the whole blob would be read and decompressed).
        op.execute("ALTER TABLE score_rows SET (toast_tuple_target = 8160)")
        op.execute("ALTER TABLE score_rows ALTER COLUMN rows SET STORAGE EXTERNAL")
    old, new = _row_table(), _packed_table()
    for start in range(0, len(ids), GROUPS_PER_STEP):
        chunk = ids[start : start + GROUPS_PER_STEP]
        query = (
            sa.select(old.c.group_id, old.c.area_id, *(old.c[n] for n in ROW_FIELDS))
            .where(old.c.group_id.between(chunk[0], chunk[-1]))
            .order_by(old.c.group_id, old.c.area_id)
        )
        rows = pd.DataFrame(conn.execute(query).all(), columns=["group_id", "area_id", *ROW_FIELDS])
        rows["group"] = pd.Index(chunk).get_indexer(rows["group_id"])
        packed = pack(rows, len(chunk))
        conn.execute(
            sa.insert(new),
            [
                {"group_id": g, "reasons": e, "rows": b}
                for g, e, b in zip(chunk, packed.extras, packed.blobs, strict=True)
            ],
        )
    op.execute(
        "UPDATE score_groups SET own = (SELECT count(*) FROM scores "
        "WHERE scores.group_id = score_groups.id AND scores.origin = 0)"
    )
    op.drop_index("ix_scores_area", table_name="scores")
    op.drop_table("scores")


def downgrade() -> None:
    conn = op.get_bind()
    ids = _group_ids(conn)
    if ids:
        _same_layout()
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
    if conn.dialect.name == "postgresql":
        op.execute("ALTER TABLE scores ALTER COLUMN group_id SET (n_distinct = -0.05)")
    old, new = _packed_table(), _row_table()
    for start in range(0, len(ids), GROUPS_PER_STEP):
        chunk = ids[start : start + GROUPS_PER_STEP]
        found = conn.execute(
            sa.select(old.c.group_id, old.c.reasons, old.c.rows).where(
                old.c.group_id.between(chunk[0], chunk[-1])
            )
        ).all()
        rows = unpack([f[0] for f in found], [f[2] for f in found], [f[1] for f in found])
        whole = ("upload_id", "origin", "group_id", "area_id")
        records = [
            {
                name: None if pd.isna(v) else int(v) if name in whole else v
                for name, v in record.items()
            }
            for record in rows.to_dict("records")
        ]
        if records:
            conn.execute(sa.insert(new), records)
    op.drop_table("score_rows")
    with op.batch_alter_table("score_groups") as batch:
        batch.drop_column("own")
