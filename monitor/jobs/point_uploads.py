"""Checking and publishing a points file (meldingen, voorzieningen) as a background job
of the Uploaden page: the same core functions as ``monitor import punten``
(:func:`monitor.points.check_points`, :func:`monitor.points.publish_points`), and a JSON
result the page renders (:func:`points_payload`).

The page keeps the file by content hash; the check reads it back into a temporary file
under the name the analyst gave (the reader chooses CSV or GeoJSON/GeoPackage by its
suffix), so there is one parser for the CLI and the app.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

from monitor import audit
from monitor.ingest.points import SOORTEN
from monitor.points import CheckedPoints, check_points, publish_points
from monitor.problems import ERROR, ProblemsError
from monitor.store import Store

Progress = Any  # monitor.jobs.status.Progress
#: The upload page's kinds that are points files.
POINT_KINDS = SOORTEN
#: Points outside every buurt listed on the page (all are counted).
SHOWN_OUTSIDE = 20
_UNSAFE = re.compile(r"[^\w.\- ]+")


def is_points(staged: dict[str, Any]) -> bool:
    """Whether the staged upload is a points file (the analyst chose meldingen or
    voorzieningen)."""
    return staged.get("kind") in POINT_KINDS


def _file_name(name: str) -> str:
    """The name as a plain file name in a temporary folder (the suffix is kept)."""
    plain = _UNSAFE.sub("_", Path(str(name)).name).strip(" .") or "punten.csv"
    return plain[-120:]


def check_raw(store: Store, raw: bytes, name: str, soort: str) -> CheckedPoints:
    """:func:`monitor.points.check_points` on bytes (the file is written to a temporary
    folder under its own name, then read as the CLI reads it)."""
    with tempfile.TemporaryDirectory(prefix="punten-") as tmp:
        path = Path(tmp) / _file_name(name)
        path.write_bytes(raw)
        checked = check_points(store, path, soort)
    checked.name = str(name)[:300]
    return checked


def points_payload(
    checked: CheckedPoints | None, name: str, soort: str, refused: ProblemsError | None = None
) -> dict[str, Any]:
    """What the page shows of a checked (or refused) points file, as JSON: counts,
    problem lines, the first points outside every buurt and the points per category."""
    if refused is not None:
        errors = [p for p in refused.problems if p.severity == ERROR]
        return {
            "name": name,
            "kind": soort,
            "points": True,
            "rows": None,
            "inside": 0,
            "outside": 0,
            "errors": len(errors),
            "ok": False,
            "lines": [p.text() for p in refused.problems],
            "outside_rows": [],
            "categories": [],
        }
    assert checked is not None
    outside = checked.outside.head(SHOWN_OUTSIDE)
    return {
        "name": name,
        "kind": soort,
        "points": True,
        "rows": len(checked.frame) + len(checked.outside),
        "inside": len(checked.frame),
        "outside": len(checked.outside),
        "errors": 0,
        "ok": not checked.frame.empty,
        "lines": [p.text() for p in checked.problems],
        "outside_rows": [
            [int(r.row), round(float(r.lat), 6), round(float(r.lon), 6), str(r.category)]
            for r in outside.itertuples()
        ],
        "categories": [[str(c), int(n)] for c, n in checked.categories.items()],
    }


def run_check(store: Store, args: dict[str, Any], raw: bytes, progress: Progress) -> dict[str, Any]:
    """Check a staged points file; a refused file is a report with its errors (the
    page keeps Publiceren off), not a failed job."""
    staged = args["staged"]
    soort, name = staged["kind"], staged["name"]
    progress(0.3, "job.stage.check")
    try:
        checked = check_raw(store, raw, name, soort)
    except ProblemsError as exc:
        payload = points_payload(None, name, soort, refused=exc)
    else:
        payload = points_payload(checked, name, soort)
    progress(0.9, "job.stage.report")
    audit.record(
        store,
        args["actor"],
        "upload.check",
        name,
        {
            "sha256": staged["sha256"],
            "soort": soort,
            "fouten": payload["errors"],
            "punten": payload["inside"],
            "buiten_gebieden": payload["outside"],
        },
    )
    return {"report": payload, "staged": staged}


def run_publish(
    store: Store, args: dict[str, Any], raw: bytes, progress: Progress
) -> dict[str, Any]:
    """Publish a staged points file: checked again first (the store may have moved on),
    then stored with its indicators as one upload (one undo takes both away)."""
    staged = args["staged"]
    progress(0.15, "job.stage.check")
    checked = check_raw(store, raw, staged["name"], staged["kind"])
    progress(0.5, "job.stage.publish")
    upload_id = publish_points(store, checked, uploader=args["actor"])
    return {"upload_id": int(upload_id), "rows": len(checked.frame), "kind": staged["kind"]}
