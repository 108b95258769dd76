"""Checking and publishing an uploaded file as background jobs (the Uploaden page).

The page keeps the file by content hash (``monitor.ingest.upload.store_original``) and
enqueues one of these; a worker (or a thread, without Redis) reads it back, checks or
publishes it, and leaves a JSON result the page renders: :func:`report_payload` holds
everything the report and preview show, so no data frame travels to the browser.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from typing import Any

import pandas as pd

from monitor.config import get_settings
from monitor.errors import MonitorError
from monitor.ingest import budget as budget_ingest
from monitor.ingest.parse import ParseOptions
from monitor.ingest.points import sniff_points
from monitor.ingest.upload import Checked, check, log_check, publish
from monitor.jobs import point_uploads
from monitor.messages import t
from monitor.store import BUDGET_KIND, Store

Progress = Any  # monitor.jobs.status.Progress; any callable (fraction, stage, **params)
_SHA256 = re.compile(r"[0-9a-f]{64}")


def text_field(value: Any, what: str) -> str | None:
    """A text field as the browser sends it (a string, or nothing); any other shape is a
    crafted request, refused with a message."""
    if value is None or isinstance(value, str):
        return value or None
    raise MonitorError(t("upload.bad_request", what=what))


def _period(value: Any) -> int | None:
    """The year field: empty, or a whole number (``2024``, ``"2024"``, ``2024.0``)."""
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise MonitorError(t("upload.bad_request", what="periode"))
    text = str(value).strip()
    try:
        number = float(text)
    except ValueError:
        number = float("nan")
    if not (number == number and number.is_integer() and abs(number) < 10_000):
        raise MonitorError(t("upload.bad_period", value=text[:20]))
    return int(number)


def parse_options(
    fmt: Any,
    pattern: Any,
    indicator: Any,
    period: Any,
    mapping: Any,
) -> ParseOptions:
    """The page's option fields as parse options (``mapping``: ``old=new, …``); a value
    no browser sends is refused with a message."""
    rename = {}
    for part in (text_field(mapping, "kolommen") or "").split(","):
        if "=" in part:
            old, new = part.split("=", 1)
            rename[old.strip()] = new.strip()
    return ParseOptions(
        format=text_field(fmt, "formaat") or "auto",
        code_pattern=text_field(pattern, "codepatroon"),
        indicator=(text_field(indicator, "indicator") or "").strip() or None,
        period=_period(period),
        rename=rename,
    )


def valid_staged(staged: Any) -> dict[str, Any]:
    """The staged data the page sends back to publish, as the check left it: a dict with
    the file's sha256 and text fields; any other shape is refused with a message."""
    sha = staged.get("sha256") if isinstance(staged, dict) else None
    if not isinstance(sha, str) or not _SHA256.fullmatch(sha):
        raise MonitorError(t("upload.bad_request", what="upload-staged"))
    text_field(staged.get("name"), "naam")
    text_field(staged.get("kind"), "soort")
    staged_options(staged)
    return staged


def check_file(store: Store, raw: bytes, name: str, options: ParseOptions, kind: str | None):
    """Meetingen or a budget file (begroting): as chosen, or recognised by its header."""
    if kind not in ("meetingen", "begroting"):
        kind = budget_ingest.sniff_kind(raw, name, options.sheet)
    if kind == "begroting":
        return budget_ingest.check(store, raw, name, options)
    return check(store, raw, name, options)


def staged_options(staged: dict[str, Any]) -> ParseOptions:
    return parse_options(
        staged.get("fmt"),
        staged.get("pattern"),
        staged.get("indicator"),
        staged.get("period"),
        staged.get("mapping"),
    )


def _read_staged(staged: dict[str, Any]) -> bytes:
    sha = valid_staged(staged)["sha256"]
    path = get_settings().data_dir / "uploads" / sha
    if not path.is_file():
        raise MonitorError(t("job.err.file_gone"))
    return path.read_bytes()


def run_check(store: Store, args: dict[str, Any], progress: Progress) -> dict[str, Any]:
    """Check a staged file: the report payload, and the staged data to publish it with."""
    staged = args["staged"]
    progress(0.1, "job.stage.read")
    raw = _read_staged(staged)
    if staged.get("kind") not in ("meetingen", "begroting", *point_uploads.POINT_KINDS):
        # "herken aan de kopregel": a header with coordinates and no area codes is points
        sniffed = sniff_points(raw, staged["name"])
        if sniffed is not None:
            staged = {**staged, "kind": sniffed}
            args = {**args, "staged": staged}
    if point_uploads.is_points(staged):
        try:
            return point_uploads.run_check(store, args, raw, progress)
        except MonitorError:  # not even readable (a refused file is a report, not this)
            _forget_unread(store, staged["sha256"])
            raise
    progress(0.3, "job.stage.check")
    try:
        checked = check_file(store, raw, staged["name"], staged_options(staged), staged.get("kind"))
    except MonitorError:
        _forget_unread(store, staged["sha256"])
        raise
    progress(0.9, "job.stage.report")
    log_check(store, checked, args["actor"])
    staged = {**staged, "kind": getattr(checked, "kind", "meetingen")}
    return {"report": report_payload(checked), "staged": staged}


def _forget_unread(store: Store, sha256: str) -> None:
    """A file that could not even be read is not kept (as before checks ran as jobs),
    unless an upload holds the same file (``monitor uploads redo`` reads it)."""
    uploads = store.uploads_frame()
    if "sha256" in uploads and (uploads["sha256"] == sha256).any():
        return
    (get_settings().data_dir / "uploads" / sha256).unlink(missing_ok=True)


def run_publish(store: Store, args: dict[str, Any], progress: Progress) -> dict[str, Any]:
    """Publish a staged file; it is checked again first (the store may have moved on)."""
    staged = args["staged"]
    progress(0.05, "job.stage.read")
    raw = _read_staged(staged)
    if point_uploads.is_points(staged):
        return point_uploads.run_publish(store, args, raw, progress)
    progress(0.15, "job.stage.check")
    checked = check_file(store, raw, staged["name"], staged_options(staged), staged.get("kind"))
    progress(0.5, "job.stage.publish")
    run = budget_ingest.publish if checked.kind == BUDGET_KIND else publish
    upload_id = run(
        store, checked, uploader=args["actor"], confirm_changes=bool(args.get("confirm"))
    )
    return {"upload_id": int(upload_id), "rows": len(checked.report.frame), "kind": checked.kind}


def _values(frame: pd.DataFrame) -> list[list[Any]]:
    """Rows as plain JSON values (numpy numbers become numbers, NaN becomes null)."""
    return json.loads(frame.to_json(orient="values", date_format="iso")) if len(frame) else []


def report_payload(checked: Checked) -> dict[str, Any]:
    """What the report and preview show, as JSON: counts, problem lines, skipped lines,
    the preview table, the first 50 changed rows and the incomplete years."""
    report = checked.report
    payload: dict[str, Any] = {
        "name": checked.name,
        "kind": checked.kind,
        "format": checked.parsed.format,
        "rows": len(checked.parsed.frame),
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "ok": bool(report.ok),
        "lines": list(report.lines()),
        "skipped": [str(s) for s in report.skipped],
        "preview": None,
    }
    shown = checked.preview
    if shown is None:
        return payload
    if checked.kind == BUDGET_KIND:
        columns = [
            "code",
            "year",
            "programme",
            "description",
            "planned_oud",
            "planned",
            "realised_oud",
            "realised",
        ]
        incomplete: list[dict[str, Any]] = []
    else:
        columns = ["code", "indicator_id", "period", "oud", "nieuw"]
        incomplete = [json.loads(json.dumps(asdict(c), default=_plain)) for c in shown.incomplete]
    changes = shown.changes.head(50)
    payload["preview"] = {
        "table": _values(shown.table),
        "changes": _values(changes[columns]) if not changes.empty else [],
        "incomplete": incomplete,
        "city_code": shown.city_code,
    }
    return payload


def _plain(value: Any) -> Any:
    """numpy scalars in a dataclass (JSON's ``default``)."""
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(type(value).__name__)
