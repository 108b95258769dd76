"""Uploads: the provenance row every publish of measurements or budget lines starts with."""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from monitor.store.connect import now
from monitor.store.schema import uploads


def _insert_upload(
    conn: Connection,
    kind: str,
    rows: int,
    filename: str | None,
    sha256: str | None,
    uploader: str | None,
    source: str | None,
    meta: dict[str, Any] | None,
) -> int:
    """The upload row every publish starts with (provenance); returns its id."""
    return int(
        conn.execute(
            sa.insert(uploads).values(
                kind=kind,
                filename=filename,
                sha256=sha256,
                uploader=uploader,
                source=source,
                status="published",
                row_count=rows,
                created_at=now(),
                meta=json.dumps(meta or {}, ensure_ascii=False, default=str),
            )
        ).inserted_primary_key[0]
    )
