"""From a validated file to published measurements: preview, publish, provenance.

Undo and publishing an undone upload again are in ``monitor.undo``.

The original file is kept under ``data/uploads/<sha256>`` (never under the user's file
name, which may contain anything). Publishing is one database transaction: killed
half-way, the store is exactly as before.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import sqlalchemy as sa

from monitor import audit
from monitor.config import get_settings
from monitor.errors import MonitorError
from monitor.ingest.parse import Parsed, ParseOptions, parse_bytes
from monitor.ingest.validate import Report, validate
from monitor.store import Store, areas, measurements, uploads

METHODS = ("registratie", "enquête", "telling")
KEY = ["area_id", "indicator_id", "period"]


@dataclass
class Preview:
    """What publishing would change: per indicator and period (per programme and year for
    a budget file) the new, changed and unchanged rows, and the changed rows themselves."""

    table: pd.DataFrame  # indicator_id, period (or programme, year), nieuw, gewijzigd, …
    changes: pd.DataFrame  # the changed rows: code, key, old and new values

    @property
    def changed(self) -> int:
        return int(self.table["gewijzigd"].sum()) if not self.table.empty else 0


@dataclass
class Checked:
    """A parsed, validated and previewed file, ready to publish or to show; ``kind`` is
    ``meetingen`` or ``begroting`` (``monitor.ingest.budget``)."""

    name: str
    raw: bytes
    parsed: Parsed
    report: Report
    preview: Preview | None
    kind: str = "meetingen"
    #: How the file was read and against which division it was checked: recorded with
    #: the upload, so that an undone upload can be published again the same way.
    options: ParseOptions | None = None
    division_id: int | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()


#: The parse options an upload records in its ``meta`` (under ``opties``).
RECORDED_OPTIONS = ("format", "skip_rows", "code_pattern", "indicator", "period", "rename", "sheet")


def recorded(store: Store, checked: Checked) -> dict[str, Any]:
    """What an upload's ``meta`` keeps of how its file was read: the parse options that
    differ from the defaults (``opties``) and the division's name (``gebiedsindeling``).
    ``monitor.undo.redo`` reads the file again with exactly these."""
    options = checked.options or ParseOptions()
    default = ParseOptions()
    info: dict[str, Any] = {
        "opties": {
            name: getattr(options, name)
            for name in RECORDED_OPTIONS
            if getattr(options, name) != getattr(default, name)
        }
    }
    try:
        division_id = checked.division_id or store.division_id()
        info["gebiedsindeling"] = store.division(division_id)["name"]
    except LookupError:
        pass
    return info


def options_from(meta: dict[str, Any]) -> ParseOptions:
    """The parse options an upload recorded (defaults for what it did not record)."""
    saved = meta.get("opties") or {}
    return ParseOptions(**{k: v for k, v in saved.items() if k in RECORDED_OPTIONS})


def publish_action(meta: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The audit action of a publish and what it adds to the detail: ``upload.redo``,
    naming the upload it publishes again, or ``upload.publish``."""
    again = meta.get("herpubliceert")
    if again is not None:
        return "upload.redo", {"herpubliceert": again}
    return "upload.publish", {}


def compare(
    rows: pd.DataFrame,
    current: pd.DataFrame,
    key: list[str],
    values: list[str],
    group: list[str],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """New rows against the current ones (with ``id``), for meetingen and budget lines:
    the rows with the old ``values`` (suffix ``_oud``) and a status (nieuw, gewijzigd,
    ongewijzigd; missing equals missing), and the count per status per ``group``."""
    merged = rows.merge(current, on=key, how="left", suffixes=("", "_oud"))
    exists = merged["id"].notna()
    unchanged = exists
    for name in values:
        new, old = merged[name], merged[f"{name}_oud"]
        unchanged = unchanged & ((new == old) | (new.isna() & old.isna()))
    merged["status"] = np.where(~exists, "nieuw", np.where(unchanged, "ongewijzigd", "gewijzigd"))
    table = (
        merged.groupby([*group, "status"])
        .size()
        .unstack(fill_value=0)
        .reindex(columns=["nieuw", "gewijzigd", "ongewijzigd"], fill_value=0)
        .reset_index()
    )
    table.columns.name = None
    return merged, table


def preview(store: Store, report: Report) -> Preview:
    """Compare the rows that passed validation with the current values."""
    rows = report.frame
    if rows.empty:
        empty = pd.DataFrame(
            columns=["indicator_id", "period", "nieuw", "gewijzigd", "ongewijzigd"]
        )
        return Preview(
            empty, pd.DataFrame(columns=["code", "indicator_id", "period", "oud", "nieuw"])
        )
    with store.engine.connect() as conn:
        current = store.current_rows(conn, rows[KEY])
    merged, table = compare(rows, current, KEY, ["value", "n"], ["indicator_id", "period"])
    changed = merged[merged["status"] == "gewijzigd"]
    codes = store.areas_frame(store.division_id()).set_index("id")["code"]
    changes = pd.DataFrame(
        {
            "code": changed["area_id"].map(codes),
            "indicator_id": changed["indicator_id"],
            "period": changed["period"],
            "oud": changed["value_oud"],
            "nieuw": changed["value"],
        }
    )
    return Preview(table, changes.reset_index(drop=True))


def check(
    store: Store,
    raw: bytes,
    name: str,
    options: ParseOptions | None = None,
    division_id: int | None = None,
) -> Checked:
    """Parse, validate and preview; changes nothing."""
    parsed = parse_bytes(raw, name, options)
    report = validate(store, parsed, division_id)
    shown = preview(store, report) if report.ok else None
    return Checked(name, raw, parsed, report, shown, options=options, division_id=division_id)


def log_check(store: Store, checked: Checked, actor: str) -> None:
    """Audit line for a checked file (staged in the app, or a CLI import or dry run)."""
    counts = {}
    columns = ["nieuw", "gewijzigd", "ongewijzigd"]
    if checked.preview is not None and not checked.preview.table.empty:
        counts = checked.preview.table[columns].sum().astype(int).to_dict()
    audit.record(
        store,
        actor,
        "upload.check",
        checked.name,
        {
            "sha256": checked.sha256,
            "fouten": len(checked.report.errors),
            "waarschuwingen": len(checked.report.warnings),
            **counts,
        },
    )


def store_original(raw: bytes, sha256: str, data_dir: Path | None = None) -> Path:
    """Keep the original file by content hash; writing is atomic (temp file + rename)."""
    folder = (data_dir or get_settings().data_dir) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / sha256
    if not target.exists():
        temp = folder / f".{sha256}.{os.getpid()}.tmp"
        temp.write_bytes(raw)
        os.replace(temp, target)
    return target


def publish(
    store: Store,
    checked: Checked,
    *,
    uploader: str,
    confirm_changes: bool = False,
    meta: dict[str, Any] | None = None,
    data_dir: Path | None = None,
) -> int:
    """Publish a checked file as one upload, all or nothing. Returns the upload id."""
    if not checked.report.ok:
        raise MonitorError(
            f"{checked.name}: {len(checked.report.errors)} fouten; los ze op voordat u publiceert. "
            "Er is niets opgeslagen."
        )
    meta = dict(meta or {})
    method = meta.get("methode")
    if method is not None and method not in METHODS:
        raise MonitorError(f"Methode '{method}' onbekend; kies {', '.join(METHODS)}.")
    current = preview(store, checked.report)  # again: the store may have moved on
    if current.changed and not confirm_changes:
        raise MonitorError(
            f"{checked.name} wijzigt {current.changed} gepubliceerde waarden. Bekijk de preview en "
            "bevestig (--bevestig) als dat de bedoeling is. Er is niets opgeslagen."
        )
    store_original(checked.raw, checked.sha256, data_dir)
    counts = current.table[["nieuw", "gewijzigd", "ongewijzigd"]].sum().astype(int).to_dict()
    meta |= recorded(store, checked) | {
        "formaat": checked.parsed.format,
        "aantallen": counts,
        "waarschuwingen": len(checked.report.warnings),
    }
    action, again = publish_action(meta)
    frame = checked.report.frame.drop(columns=["row"])
    with store.begin() as conn:
        upload_id = store.publish(
            frame,
            kind="meetingen",
            conn=conn,
            filename=checked.name[:300],
            sha256=checked.sha256,
            uploader=uploader,
            source=meta.get("bron"),
            meta=meta,
        )
        audit.record(
            store,
            uploader,
            action,
            f"upload {upload_id}: {checked.name}",
            {"sha256": checked.sha256, "rijen": len(frame), **counts, **again},
            conn=conn,
        )
    return upload_id


def provenance(store: Store, code: str, indicator_id: str, period: int) -> pd.DataFrame:
    """Every stored value for one area, indicator and period, newest first, with its upload.

    Answers "where does this number come from": the current row, and the ones it replaced.
    """
    from monitor.areas import resolve_codes

    division_id = store.division_id()
    ids = resolve_codes(store, division_id, [code])
    if code not in ids:
        raise MonitorError(f"Gebiedscode '{code}' is onbekend.")
    m, u = measurements, uploads
    query = (
        sa.select(
            m.c.value,
            m.c.n,
            m.c.flag,
            m.c.is_current,
            m.c.source.label("bron"),
            u.c.id.label("upload"),
            u.c.kind,
            u.c.filename,
            u.c.sha256,
            u.c.uploader,
            u.c.created_at,
            u.c.status,
        )
        .join(u, u.c.id == m.c.upload_id)
        .join(areas, areas.c.id == m.c.area_id)
        .where(
            m.c.area_id == ids[code], m.c.indicator_id == indicator_id, m.c.period == int(period)
        )
        .order_by(u.c.id.desc(), m.c.id.desc())
    )
    with store.engine.connect() as conn:
        return pd.DataFrame(conn.execute(query).mappings().all())
