"""The PDF of many areas' profiles as a background job (kind ``profiles.pdf``).

The job reads every area's profile (progress per area), lays out the PDF and leaves it in
``MONITOR_DATA_DIR/pdf/<random>.pdf``; its result names that file, so only the person who
started the job (job statuses are per actor) learns where it is. The files are removed by
``monitor prune`` and the app's daily prune after ``MONITOR_PRUNE_PDF_DAYS`` (1 day; the
job's status, and so its download link, lives a day too).
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Any

from monitor import pdf
from monitor.config import get_settings
from monitor.messages import LANGUAGES
from monitor.store import Store

#: The folder under ``MONITOR_DATA_DIR`` that holds the PDFs.
FOLDER = "pdf"
#: The name of a PDF the job writes (and the only kind of name served or pruned).
NAME = re.compile(r"^[0-9a-f]{32}\.pdf$")
#: Share of the progress bar for reading the areas; the rest is the layout.
READING = 0.9


def folder(data_dir: Path | None = None) -> Path:
    return (data_dir or get_settings().data_dir) / FOLDER


def stored(name: Any, data_dir: Path | None = None) -> Path | None:
    """The PDF a job left under ``name``; None for a name no job writes, or a file gone."""
    if not isinstance(name, str) or not NAME.match(name):
        return None
    path = folder(data_dir) / name
    return path if path.is_file() else None


def run_profiles_pdf(store: Store, args: dict[str, Any], progress: Any) -> dict[str, Any]:
    """``args``: ``level`` (default buurt), ``within`` (an area code or None), ``lang``,
    ``division`` (a name; None: the active one)."""
    lang = args.get("lang") if args.get("lang") in LANGUAGES else "nl"
    division = args.get("division")
    division_id = store.division_id(division) if division else None
    name = f"{uuid.uuid4().hex}.pdf"

    def step(number: int, total: int, area: str) -> None:
        progress(number / total * READING, "pdf.stage.area", number=number, total=total, name=area)

    book = pdf.write(
        store,
        folder() / name,
        str(args.get("level") or "buurt"),
        args.get("within") or None,
        lang,
        division_id,
        step=step,
        before_render=lambda: progress(READING, "pdf.stage.render"),
    )
    return {
        "file": name,
        "download": pdf.filename(book),
        "areas": len(book.pages),
        "pages": len(book.pages) + 1,
        "title": book.title(),
    }
