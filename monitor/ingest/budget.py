"""Budget files (begroting) through the meetingen pipeline: parse, validate, preview, publish.

The same reader as meetingen (:func:`monitor.ingest.parse.read_cells`: encodings,
separators, header search, Excel, size limits) gives text cells; the columns are those
of a budget file (``gebiedcode, jaar, programma, omschrijving, begroot, gerealiseerd,
bron`` and optionally ``opmerking``), and the rules are in
:func:`monitor.ingest.budget_validate.validate`.
Publishing is one transaction with an audit line; the original file is kept by its
sha256 as for meetingen, and ``Store.undo_upload`` brings back what an upload replaced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy.engine import Connection

from monitor import audit, budget
from monitor.channel import hint
from monitor.errors import MonitorError
from monitor.ingest.budget_validate import validate
from monitor.ingest.excel import head_rows
from monitor.ingest.limits import stored_length
from monitor.ingest.parse import (
    ALIASES,
    Parsed,
    ParseOptions,
    area_rows,
    normalise,
    read_cells,
)
from monitor.ingest.report import Report
from monitor.ingest.text import head_text
from monitor.ingest.upload import (
    Checked,
    Preview,
    compare,
    publish_action,
    recorded,
    store_original,
)
from monitor.messages import t
from monitor.store import BUDGET_KEY, BUDGET_KIND, Store
from monitor.store.schema import uploads

#: Canonical budget column → accepted spellings (compared as :func:`normalise` does).
BUDGET_ALIASES: dict[str, tuple[str, ...]] = {
    "gebiedcode": ALIASES["gebiedcode"],
    "jaar": ("jaar", "year", "begrotingsjaar", "boekjaar", "periode", "period"),
    "programma": ("programma", "programme", "program", "begrotingsprogramma", "programmanaam"),
    "omschrijving": ("omschrijving", "description", "activiteit", "project", "post", "regel"),
    "begroot": ("begroot", "planned", "begroting", "budget", "raming", "begrootbedrag"),
    "gerealiseerd": (
        "gerealiseerd",
        "realised",
        "realized",
        "realisatie",
        "besteed",
        "uitgegeven",
        "werkelijk",
    ),
    "bron": ("bron", "source"),
    "opmerking": ("opmerking", "opmerkingen", "toelichting", "note", "notes", "comment"),
}
_LOOKUP = {normalise(a): canon for canon, names in BUDGET_ALIASES.items() for a in names}
#: Columns whose presence in a header marks a budget file (upload page: kind "auto").
_MARKERS = ({"programma"}, {"begroot", "gerealiseerd"})
KINDS = ("auto", "meetingen", BUDGET_KIND)


@dataclass
class BudgetParsed(Parsed):
    """A budget file as text rows, plus what the header lacked or had too much."""

    missing: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


def _columns(headers: list[str]) -> tuple[dict[str, str], list[str]]:
    """Canonical name → header, and the headers that mean nothing in a budget file."""
    found: dict[str, str] = {}
    unknown = []
    for header in headers:
        canon = _LOOKUP.get(normalise(header))
        if canon and canon not in found:
            found[canon] = header
        else:
            unknown.append(header)
    return found, unknown


def parse_budget(raw: bytes, name: str, options: ParseOptions | None = None) -> BudgetParsed:
    """Read a budget file into text columns :data:`monitor.budget.COLUMNS` + ``row``."""
    options = options or ParseOptions()
    cells = read_cells(raw, name, options)
    frame, skipped = cells.frame, list(cells.skipped)
    cols, unknown = _columns(list(frame.columns[1:]))
    frame = area_rows(frame, cols.get("gebiedcode"), name, options, skipped, "parse.rows_budget")
    out = pd.DataFrame({"row": frame["row"].to_numpy()})
    for canon in budget.COLUMNS:
        out[canon] = frame[cols[canon]].to_numpy() if canon in cols else ""
    missing = [c for c in budget.REQUIRED if c not in cols]
    return BudgetParsed(
        out,
        BUDGET_KIND,
        skipped,
        cells.encoding,
        cells.delimiter,
        missing=missing,
        unknown=unknown,
    )


def sniff_kind(raw: bytes, name: str, sheet: str | None = None) -> str:
    """``begroting`` when the header (within the first 30 lines) has a programme column
    and an amount column (begroot or gerealiseerd); else ``meetingen``. Reads only the
    head of the file."""
    lines: list[list[str]] = []
    if raw[:4] == b"PK\x03\x04" or name.lower().endswith((".xlsx", ".xlsm")):
        try:  # no zip bombs, no padding to a claimed width, not even for the header
            lines = head_rows(raw, name, sheet, 30)
        except Exception:  # damaged or refused: the full parse will say what is wrong
            return "meetingen"
    else:
        text = head_text(raw, 65_536)
        if text is None:  # neither decodes: read what UTF-8 can
            text = raw[:65_536].decode("utf-8", errors="ignore")
        lines = [re.split(r"[;,\t|]", line) for line in text.splitlines()[:30]]
    for cells in lines:
        names = {_LOOKUP.get(normalise(str(c).strip('" '))) for c in cells if str(c).strip()}
        if all(names & marker for marker in _MARKERS):
            return BUDGET_KIND
    return "meetingen"


def preview(
    store: Store,
    report: Report,
    conn: Connection | None = None,
    division_id: int | None = None,
) -> Preview:
    """Compare the lines that passed validation with the current lines: per programme and
    year, and the changed lines (code, year, programme, description, old → new amounts)."""
    rows = report.frame
    key = list(BUDGET_KEY)
    if rows.empty:
        return Preview(
            pd.DataFrame(columns=["programme", "year", "nieuw", "gewijzigd", "ongewijzigd"]),
            pd.DataFrame(columns=["code", "year", "programme", "description"]),
        )
    if conn is None:
        with store.engine.connect() as own:
            current = store.current_budget_rows(own, rows[key])
    else:
        current = store.current_budget_rows(conn, rows[key])
    merged, table = compare(rows, current, key, ["planned", "realised"], ["programme", "year"])
    changed = merged[merged["status"] == "gewijzigd"]
    division_id = division_id if division_id is not None else store.division_id()
    codes = store.areas_frame(division_id).set_index("id")["code"]
    changes = pd.DataFrame(
        {
            "code": changed["area_id"].map(codes),
            "year": changed["year"],
            "programme": changed["programme"],
            "description": changed["description"],
            "planned_oud": changed["planned_oud"],
            "planned": changed["planned"],
            "realised_oud": changed["realised_oud"],
            "realised": changed["realised"],
        }
    ).reset_index(drop=True)
    return Preview(table, changes)


def check(
    store: Store,
    raw: bytes,
    name: str,
    options: ParseOptions | None = None,
    division_id: int | None = None,
) -> Checked:
    """Parse, validate and preview a budget file; changes nothing."""
    parsed = parse_budget(raw, name, options)
    report = validate(
        store,
        parsed.frame,
        missing_columns=parsed.missing,
        unknown_columns=parsed.unknown,
        text_file=parsed.delimiter is not None,
        division_id=division_id,
        skipped=parsed.skipped,
    )
    shown = preview(store, report, division_id=division_id) if report.ok else None
    return Checked(
        name, raw, parsed, report, shown, BUDGET_KIND, options=options, division_id=division_id
    )


def publish(
    store: Store,
    checked: Checked,
    *,
    uploader: str,
    confirm_changes: bool = False,
    source: str | None = None,
    meta: dict[str, Any] | None = None,
    data_dir: Path | None = None,
    conn: Connection | None = None,
    division_id: int | None = None,
) -> int:
    """Publish a checked budget file as one upload, all or nothing; returns its id.

    ``source`` (``--bron``) fills the lines without a ``bron`` of their own and is the
    upload's source. With ``conn`` the caller's transaction is used (the demo
    publishes its measurements and budget together).
    """
    if not checked.report.ok:
        raise MonitorError(
            t("publish.has_errors", name=checked.name, errors=len(checked.report.errors))
        )
    if source is not None and len(source) > budget.MAX_SOURCE:
        raise MonitorError(t("publish.source_too_long", limit=budget.MAX_SOURCE))
    frame = checked.report.frame.drop(columns=["row"])
    if source:
        frame["source"] = frame["source"].fillna(source)
    store_original(checked.raw, checked.sha256, data_dir)

    def run(tx: Connection) -> int:
        # Again, inside the transaction: the store may have moved on since the check.
        current = preview(store, checked.report, tx, division_id)
        if current.changed and not confirm_changes:
            raise MonitorError(
                t(
                    "publish.changes_budget",
                    name=checked.name,
                    changed=current.changed,
                    confirm=hint("confirm"),
                )
            )
        counts = current.table[["nieuw", "gewijzigd", "ongewijzigd"]].sum().astype(int).to_dict()
        info = (
            dict(meta or {})
            | recorded(store, checked)
            | {
                "formaat": BUDGET_KIND,
                "aantallen": counts,
                "waarschuwingen": len(checked.report.warnings),
            }
        )
        if source:
            info["bron"] = source
        action, again = publish_action(info)
        upload_id = store.publish_budget(
            frame,
            conn=tx,
            filename=checked.name[: stored_length(uploads.c.filename)],
            sha256=checked.sha256,
            uploader=uploader,
            source=source,
            meta=info,
        )
        audit.record(
            store,
            uploader,
            action,
            f"upload {upload_id}: {checked.name}",
            {
                "sha256": checked.sha256,
                "rijen": len(frame),
                "soort": BUDGET_KIND,
                **counts,
                **again,
            },
            conn=tx,
        )
        return upload_id

    if conn is not None:
        return run(conn)
    with store.begin() as tx:
        return run(tx)
