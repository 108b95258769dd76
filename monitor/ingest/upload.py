"""From a validated file to published measurements: preview, publish, provenance.

Undo and publishing an undone upload again are in ``monitor.undo``.

The original file is kept under ``data/uploads/<sha256>`` (never under the user's file
name, which may contain anything). Publishing is one database transaction: killed
half-way, the store is exactly as before.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from monitor import audit
from monitor.channel import hint
from monitor.config import get_settings
from monitor.errors import MonitorError
from monitor.ingest.incomplete import incomplete_years
from monitor.ingest.limits import stored_length
from monitor.ingest.parse import Parsed, ParseOptions, parse_bytes
from monitor.ingest.report import Report
from monitor.ingest.validate import validate
from monitor.messages import MESSAGES, t
from monitor.scoring.coverage import Coverage
from monitor.store import Store, bulk
from monitor.store.schema import measurements, uploads

METHODS = ("registratie", "enquête", "telling")
KEY = ["area_id", "indicator_id", "period"]


@dataclass
class Preview:
    """What publishing would change: per indicator and period (per programme and year for
    a budget file) the new, changed and unchanged rows, and the changed rows themselves."""

    table: pd.DataFrame  # indicator_id, period (or programme, year), nieuw, gewijzigd, …
    changes: pd.DataFrame  # the changed rows: code, key, old and new values
    #: Indicator-years that, once published, have no city value and too little coverage
    #: to colour anything (a warning, not an error; see :func:`incomplete_years`).
    incomplete: list[Coverage] = field(default_factory=list)
    #: The gemeente's code, for the warning's advice (a row with this code is the city value).
    city_code: str = ""

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
    if current.empty:  # nothing to compare with (a first upload of these keys): all new
        old = {c if c not in rows else f"{c}_oud": np.nan for c in current if c not in key}
        merged = rows.assign(**old)
        status = np.zeros(len(rows), dtype="int8")
    else:
        merged = rows.merge(current, on=key, how="left", suffixes=("", "_oud"))
        exists = merged["id"].notna().to_numpy()
        unchanged = exists
        for name in values:
            new, old_values = merged[name], merged[f"{name}_oud"]
            same = (new == old_values) | (new.isna() & old_values.isna())
            unchanged = unchanged & same.to_numpy(dtype=bool, na_value=False)
        status = np.where(~exists, 0, np.where(unchanged, 2, 1)).astype("int8")
    statuses = ["nieuw", "gewijzigd", "ongewijzigd"]
    merged["status"] = pd.Categorical.from_codes(status, categories=statuses)
    table = merged.groupby([*group, "status"], observed=True).size().unstack(fill_value=0)
    table.columns = table.columns.astype(str)
    table = table.reindex(columns=statuses, fill_value=0).reset_index()
    table.columns.name = None
    return merged, table


def status_counts(
    rows: pd.DataFrame, current: pd.DataFrame, key: list[str], values: list[str]
) -> dict[str, int]:
    """How many of ``rows`` are nieuw, gewijzigd and ongewijzigd against the ``current``
    rows (the totals of :func:`compare`'s table, without its per-group table)."""
    if current.empty:
        return {"nieuw": len(rows), "gewijzigd": 0, "ongewijzigd": 0}
    merged = rows[[*key, *values]].merge(current, on=key, how="inner", suffixes=("", "_oud"))
    unchanged = pd.Series(True, index=merged.index)
    for name in values:
        new, old = merged[name], merged[f"{name}_oud"]
        unchanged &= (new == old) | (new.isna() & old.isna())
    same = int(unchanged.sum())
    return {"nieuw": len(rows) - len(merged), "gewijzigd": len(merged) - same, "ongewijzigd": same}


def preview(store: Store, report: Report, *, coverage: bool = True) -> Preview:
    """Compare the rows that passed validation with the current values; with ``coverage``,
    also list the indicator-years that would get no colours (:func:`incomplete_years`)."""
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
    all_areas = store.areas_frame(store.division_id())
    codes = all_areas.set_index("id")["code"]
    changes = pd.DataFrame(
        {
            "code": changed["area_id"].map(codes),
            "indicator_id": changed["indicator_id"],
            "period": changed["period"],
            "oud": changed["value_oud"],
            "nieuw": changed["value"],
        }
    )
    incomplete = incomplete_years(store, rows) if coverage else []
    city = all_areas.loc[all_areas["level"] == "gemeente", "code"]
    return Preview(
        table, changes.reset_index(drop=True), incomplete, str(city.iloc[0]) if len(city) else ""
    )


def check(
    store: Store,
    raw: bytes,
    name: str,
    options: ParseOptions | None = None,
    division_id: int | None = None,
    progress: Callable[..., None] | None = None,
) -> Checked:
    """Parse, validate and preview; changes nothing. ``progress`` (a CLI's bar) hears each
    step as it starts: ``progress("read")``, ``progress("validate", rows=n)``,
    ``progress("preview")``."""
    say = progress or (lambda *_args, **_counts: None)
    say("read")
    parsed = parse_bytes(raw, name, options)
    say("validate", rows=len(parsed.frame))
    report = validate(store, parsed, division_id)
    if report.ok:
        say("preview")
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
    if target.exists():
        os.utime(target)  # staged again: pruning counts its age from now
    else:
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
            t("publish.has_errors", name=checked.name, errors=len(checked.report.errors))
        )
    meta = dict(meta or {})
    method = meta.get("methode")
    if method is not None and method not in METHODS:
        raise MonitorError(t("publish.unknown_method", method=method, choices=", ".join(METHODS)))
    limit = stored_length(uploads.c.source)
    if limit is not None and len(str(meta.get("bron") or "")) > limit:
        raise MonitorError(t("publish.source_too_long", limit=limit))
    rows = checked.report.frame  # its ``row`` column is not stored (not a table column)
    with store.begin(bulk_load=_first_import(store, len(rows))) as conn:
        # Compared again, inside the transaction: the store may have moved on since the
        # check. The same current rows are the ones the publish supersedes.
        current = store.current_rows(conn, rows[KEY])
        counts = status_counts(rows, current, KEY, ["value", "n"])
        if counts["gewijzigd"] and not confirm_changes:
            raise MonitorError(
                t(
                    "publish.changes_values",
                    name=checked.name,
                    changed=counts["gewijzigd"],
                    confirm=hint("confirm"),
                )
            )
        store_original(checked.raw, checked.sha256, data_dir)
        meta |= recorded(store, checked) | {
            "formaat": checked.parsed.format,
            "aantallen": counts,
            "waarschuwingen": len(checked.report.warnings),
        }
        action, again = publish_action(meta)
        upload_id = store.publish(
            rows,
            kind="meetingen",
            conn=conn,
            filename=checked.name[: stored_length(uploads.c.filename)],
            sha256=checked.sha256,
            uploader=uploader,
            source=meta.get("bron"),
            meta=meta,
            current=current,
        )
        audit.record(
            store,
            uploader,
            action,
            f"upload {upload_id}: {checked.name}",
            {"sha256": checked.sha256, "rijen": len(rows), **counts, **again},
            conn=conn,
        )
    return upload_id


def _first_import(store: Store, rows: int) -> bool:
    """A large upload into an empty measurements table: its transaction may check foreign
    keys in bulk (:mod:`monitor.store.foreign_keys`). Only then: the check at its end
    reads every other table with foreign keys, small in a store without measurements."""
    if rows < bulk.REBUILD_INDEXES_FROM:
        return False
    with store.engine.connect() as conn:
        return bulk.is_empty(conn, measurements)


def provenance(store: Store, code: str, indicator_id: str, period: int) -> pd.DataFrame:
    """Every stored value for one area, indicator and period, newest first, with its upload.

    Answers "where does this number come from": the current row, and the ones it replaced.
    """
    from monitor.areas import resolve_codes

    division_id = store.division_id()
    ids = resolve_codes(store, division_id, [code])
    if code not in ids:
        raise MonitorError(t("publish.unknown_code", code=code))
    return store.measurement_history(ids[code], indicator_id, int(period))


def status_label(status: str, lang: str = "nl") -> str:
    """An upload's status in words (``published`` → *gepubliceerd*, ``undone`` → *ongedaan
    gemaakt*); the stored code stays English, what people read does not."""
    key = f"upload.status.{status}"
    return t(key, lang) if key in MESSAGES else status


def kind_label(kind: str, lang: str = "nl") -> str:
    """An upload's kind in words (``begroting`` → *begroting (begrotingsregels)*)."""
    key = f"upload.kind_{kind}"
    return t(key, lang) if key in MESSAGES else kind
