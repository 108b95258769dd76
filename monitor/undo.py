"""Undo and redo of uploads, so that one click cannot wreck the store by accident.

- :func:`summary`: what an undo would take away (rows that stop being current, keys that
  get an earlier value back or become empty, indicators or programmes, years, areas),
  read in one read transaction; it changes nothing.
- :func:`undo`: the undo itself, with the audit line in the same transaction.
- :func:`prepare_redo` / :func:`redo`: publish an undone upload again from its stored
  original file (``data/uploads/<sha256>``), read with the options the upload recorded,
  through the same checks, preview and confirmation as a new file; the new upload's
  ``meta`` says which upload it publishes again (``herpubliceert``), and the audit log
  has ``upload.redo``. The demo (kind ``demo``) has no file: it is generated again from
  its recorded seed.
- Ownership (:func:`may_change`): an analist undoes and redoes their own uploads; those
  of anyone else (or without an uploader, such as a BBGA import or the demo) need
  ``beheerder``. Both functions check it themselves, whoever calls them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import sqlalchemy as sa

from monitor import audit
from monitor.access import allows
from monitor.config import get_settings
from monitor.errors import MonitorError
from monitor.ingest import budget as budget_ingest
from monitor.ingest.parse import Parsed
from monitor.ingest.report import Report
from monitor.ingest.upload import Checked, check, options_from, preview, publish
from monitor.messages import t
from monitor.numbers import format_number
from monitor.store import BUDGET_KIND, Store
from monitor.store.point_table import POINTS_KIND

#: Who may undo or redo their own uploads, and who may do so for anyone's.
OWN_ROLE = "analist"
ANY_ROLE = "beheerder"
#: Upload kinds that can be published again: from the stored file, or generated (demo).
REDO_KINDS = ("meetingen", BUDGET_KIND, "demo")
#: How many indicators or programmes a summary names before "and N more".
LISTED = 12


def may_change(role: str | None, actor: str, uploader: str | None) -> bool:
    """Whether ``actor`` in ``role`` may undo or redo an upload by ``uploader``."""
    if allows(role, ANY_ROLE):
        return True
    return allows(role, OWN_ROLE) and uploader is not None and uploader == actor


def check_may_change(upload_id: int, uploader: str | None, actor: str, role: str | None) -> None:
    """Refuse (MonitorError, in Dutch) when ``actor`` in ``role`` may not undo or redo
    upload ``upload_id`` of ``uploader``."""
    if not allows(role, OWN_ROLE):
        if role is None:
            raise MonitorError(t("undo.need_login"))
        raise MonitorError(t("undo.need_role", role=role))
    if not may_change(role, actor, uploader):
        owner = f"'{uploader}'" if uploader else t("undo.no_owner")
        raise MonitorError(t("undo.not_owner", id=upload_id, owner=owner))


def _upload(store: Store, conn: sa.Connection, upload_id: int) -> Any:
    row = store.upload(conn, upload_id)
    if row is None:
        raise MonitorError(t("undo.unknown", id=upload_id))
    return row


# -- undo -------------------------------------------------------------------------------


@dataclass
class Summary:
    """What undoing one upload takes away; computed by :func:`summary`."""

    upload_id: int
    kind: str
    filename: str
    uploader: str | None
    created_at: Any
    row_count: int
    #: Rows of the upload that are current and stop being current.
    rows: int
    #: Of those keys: how many get an earlier value back, how many become empty.
    restored: int
    emptied: int
    #: Indicator ids (or programmes, for a budget upload), sorted; with their labels.
    subjects: list[str]
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    years: list[int] = field(default_factory=list)
    areas: int = 0
    #: Nothing current of this kind (measurements or budget lines) is left afterwards.
    nothing_left: bool = False
    #: Whether the upload could be published again afterwards.
    redoable: bool = False

    @property
    def budget(self) -> bool:
        return self.kind == BUDGET_KIND

    @property
    def points(self) -> bool:
        """An upload of points (meldingen, voorzieningen) and the indicators counted."""
        return self.kind == POINTS_KIND

    def lines(self, lang: str = "nl") -> list[str]:
        """The summary in sentences, as the CLI prints it and the upload page shows it."""
        when = audit.local_time(self.created_at)
        out = [
            t(
                "undo.what",
                lang,
                file=self.filename,
                kind=self.kind,
                uploader=self.uploader or t("undo.no_owner", lang),
                time=f"{when:%Y-%m-%d %H:%M}" if when is not None else "",
            )
        ]
        if self.rows == 0:
            return [*out, t("undo.nothing_current", lang)]

        def n(value: int) -> str:
            return format_number(value, 0, lang)

        rows_key = "undo.rows_budget" if self.budget else "undo.rows"
        out.append(
            t(
                "undo.rows_points" if self.points else rows_key,
                lang,
                rows=n(self.rows),
                restored=n(self.restored),
                emptied=n(self.emptied),
            )
        )
        if self.row_count > self.rows:
            out.append(t("undo.superseded", lang, n=n(self.row_count - self.rows)))
        if self.points:
            return [*out, t("undo.points_indicators", lang)]
        names = [self._label(s, lang) for s in self.subjects[:LISTED]]
        if len(self.subjects) > LISTED:
            names.append(t("undo.more", lang, n=len(self.subjects) - LISTED))
        key = "undo.programmes" if self.budget else "undo.indicators"
        out += [
            t(key, lang, n=len(self.subjects), names=", ".join(names)),
            t("undo.years", lang, years=year_ranges(self.years)),
            t("undo.areas", lang, n=n(self.areas)),
        ]
        if self.nothing_left:
            out.append(t("undo.nothing_left_budget" if self.budget else "undo.nothing_left", lang))
        if self.redoable:
            out.append(t("undo.redo_hint", lang))
        return out

    def _label(self, subject: str, lang: str) -> str:
        return self.labels.get(subject, {}).get(lang) or subject


def year_ranges(years: list[int]) -> str:
    """2017–2020, 2022 (an en dash between consecutive years)."""
    parts: list[str] = []
    for year in sorted(set(years)):
        if parts and year == parts[-1][1] + 1:
            parts[-1] = (parts[-1][0], year)
        else:
            parts.append((year, year))
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in parts)


def summary(store: Store, upload_id: int) -> Summary:
    """What undoing ``upload_id`` would take away, read in one read transaction (nothing
    changes). A published upload only: an undone one is refused with a MonitorError."""
    with store.reading() as conn:
        row = _upload(store, conn, upload_id)
        if row.status != "published":
            raise MonitorError(t("undo.not_published", id=upload_id))
        plan = store.plan_undo(conn, upload_id)
    current = plan.current
    budget = plan.kind == BUDGET_KIND
    if plan.kind == POINTS_KIND:
        # Points are keyed by soort and their own key: no indicator, year or area to list.
        current = current.assign(indicator_id=current["soort"], period=0, area_id=0)
    subject, year = ("programme", "year") if budget else ("indicator_id", "period")
    subjects = sorted(str(s) for s in current[subject].unique())
    labels: dict[str, dict[str, str]] = {}
    if not budget and subjects:
        found = store.indicators_frame(subjects)
        labels = {
            r.id: {"nl": r.label_nl, "en": r.label_en or r.label_nl} for r in found.itertuples()
        }
    return Summary(
        upload_id=upload_id,
        kind=plan.kind,
        filename=row.filename or "",
        uploader=row.uploader,
        created_at=row.created_at,
        row_count=int(row.row_count),
        rows=len(current),
        restored=len(plan.restored),
        emptied=len(current) - len(plan.restored),
        subjects=subjects,
        labels=labels,
        years=sorted(int(y) for y in current[year].unique()),
        areas=int(current["area_id"].nunique()),
        nothing_left=plan.nothing_left,
        redoable=redoable(row),
    )


def undo(store: Store, upload_id: int, *, by: str, role: str | None) -> int:
    """Undo an upload (see :meth:`Store.undo_upload`) as ``by`` in ``role``, with its
    audit line in the same transaction. An analist may undo only their own uploads.

    Returns the number of keys that got an earlier value back.
    """
    with store.begin() as conn:  # the audit line commits with the undo, or neither does
        row = _upload(store, conn, upload_id)
        check_may_change(upload_id, row.uploader, by, role)
        restored = store.undo_upload(upload_id, by=by, conn=conn)
        detail = {"hersteld": restored, "soort": row.kind, "rol": role}
        if row.uploader != by:
            detail["van"] = row.uploader
        audit.record(store, by, "upload.undo", f"upload {upload_id}", detail, conn=conn)
    return restored


def undone_message(store: Store, upload_id: int, restored: int, lang: str = "nl") -> str:
    """What an undo says: the earlier values or, for a budget upload, budget lines that
    are current again (the CLI and the upload page say the same)."""
    kind = store.uploads_frame().set_index("id")["kind"].get(upload_id)
    key = "upload.undone_budget" if kind == BUDGET_KIND else "upload.undone"
    return t(key, lang, id=upload_id, restored=restored)


# -- redo -------------------------------------------------------------------------------


def _meta(row: Any) -> dict[str, Any]:
    try:
        meta = json.loads(row.meta or "{}")
    except ValueError:
        return {}
    return meta if isinstance(meta, dict) else {}


def redoable(row: Any, data_dir: Path | None = None) -> bool:
    """Whether an upload can be published again: a demo, or its original file is kept."""
    if row.kind == "demo":
        return True
    if row.kind not in REDO_KINDS or not row.sha256:
        return False
    return _original(row.sha256, data_dir).is_file()


def _original(sha256: str, data_dir: Path | None = None) -> Path:
    return (data_dir or get_settings().data_dir) / "uploads" / sha256


def republished(frame: pd.DataFrame) -> dict[int, int]:
    """Undone upload id → the newest still published upload that publishes it again, for
    an uploads frame (``Store.uploads_frame``). Also through a chain: when upload 4
    published 2 again and 5 published 4 again, 2 and 4 both count as published by 5."""
    parent = {int(row.id): republishes(row) for row in frame.itertuples()}
    found: dict[int, int] = {}
    for row in frame.itertuples():
        if row.status != "published":
            continue
        seen: set[int] = set()
        again = parent.get(int(row.id))
        while again is not None and again not in seen:
            seen.add(again)
            found[again] = max(found.get(again, 0), int(row.id))
            again = parent.get(again)
    return found


def republishes(row: Any) -> int | None:
    """The upload this upload publishes again, if it does."""
    again = _meta(row).get("herpubliceert")
    return again if isinstance(again, int) else None


@dataclass
class Redo:
    """An undone upload read and checked again, ready to publish (or to show first)."""

    upload_id: int
    kind: str
    checked: Checked
    #: ``meta`` of the new upload: the original's provenance and options, plus
    #: ``herpubliceert``.
    meta: dict[str, Any]
    source: str | None
    division_id: int | None
    seed: int | None = None

    @property
    def counts(self) -> dict[str, int]:
        columns = ["nieuw", "gewijzigd", "ongewijzigd"]
        preview = self.checked.preview
        if preview is None or preview.table.empty:
            return dict.fromkeys(columns, 0)
        return preview.table[columns].sum().astype(int).to_dict()

    def lines(self, lang: str = "nl") -> list[str]:
        """What publishing again does, in sentences (CLI and upload page)."""
        if self.kind == "demo":
            first = t("redo.what_demo", lang, seed=self.seed, id=self.upload_id)
        else:
            first = t("redo.what", lang, file=self.checked.name, id=self.upload_id)
        counts = {k: format_number(v, 0, lang) for k, v in self.counts.items()}
        rows = format_number(len(self.checked.report.frame), 0, lang)
        out = [first]
        if self.kind != "demo" and "opties" not in self.meta:
            out.append(t("redo.no_options", lang, id=self.upload_id))
        out.append(t("redo.counts", lang, rows=rows, **counts))
        if self.counts["gewijzigd"]:
            out.append(t("redo.changes", lang, n=format_number(self.counts["gewijzigd"], 0, lang)))
        return out


def prepare_redo(
    store: Store,
    upload_id: int,
    *,
    by: str,
    role: str | None,
    data_dir: Path | None = None,
) -> Redo:
    """Read and check an undone upload's original again, with the options it recorded;
    changes nothing. Refused (MonitorError, in Dutch) when ``by`` may not, when the
    upload is not undone or already published again, or when its file is gone."""
    with store.reading() as conn:
        row = _upload(store, conn, upload_id)
        others = store.upload_rows(conn)
    check_may_change(upload_id, row.uploader, by, role)
    if row.status != "undone":
        raise MonitorError(t("redo.not_undone", id=upload_id))
    again = republished(others).get(upload_id)
    if again is not None:
        raise MonitorError(t("redo.already", id=upload_id, new=again))
    if not redoable(row, data_dir):
        raise MonitorError(t("redo.file_gone", id=upload_id, file=row.filename or ""))
    meta = _meta(row)
    division_id = _division(store, meta)
    keep = {
        k: v
        for k, v in meta.items()
        if k not in ("formaat", "aantallen", "waarschuwingen", "herpubliceert")
    }
    keep["herpubliceert"] = upload_id
    if row.kind == "demo":
        seed = int(meta.get("seed", 0)) or None
        checked, division_id = _demo(store, row.filename or "", seed)
        return Redo(upload_id, row.kind, checked, keep, row.source, division_id, seed)
    raw = _original(row.sha256, data_dir).read_bytes()
    options = options_from(meta)
    name = row.filename or "upload"
    try:
        if row.kind == BUDGET_KIND:
            checked = budget_ingest.check(store, raw, name, options, division_id)
        else:
            checked = check(store, raw, name, options, division_id)
    except MonitorError as exc:  # the file does not read (any more) with these options
        if "opties" in meta:
            raise
        raise MonitorError(f"{t('redo.no_options', id=upload_id)} {exc}") from exc
    return Redo(upload_id, row.kind, checked, keep, row.source, division_id)


def _division(store: Store, meta: dict[str, Any]) -> int | None:
    """The division the upload was checked against (None: the active one)."""
    name = meta.get("gebiedsindeling")
    if not name:
        return None
    try:
        return store.division_id(str(name))
    except LookupError:
        return None


def _demo(store: Store, name: str, seed: int | None) -> tuple[Checked, int]:
    """The demo's measurements generated again from ``seed``, as a checked upload."""
    from monitor import demo

    city = demo.build(seed or demo.SEED)
    division_id = store.division_id(demo.DIVISION)
    rows = demo.measurement_rows(store, division_id, city)
    report = Report(problems=[], frame=rows.assign(row=range(1, len(rows) + 1)))
    parsed = Parsed(frame=city.measurements, format="demo")
    return Checked(name, b"", parsed, report, preview(store, report), "demo"), division_id


def redo(
    store: Store,
    upload_id: int,
    *,
    by: str,
    role: str | None,
    confirm_changes: bool = False,
    data_dir: Path | None = None,
) -> int:
    """Publish an undone upload again as a new upload of ``by``; returns its id.

    Everything is checked again on the way (ownership, status, the file, validation);
    changing published values needs ``confirm_changes``, as for a new file.
    """
    prepared = prepare_redo(store, upload_id, by=by, role=role, data_dir=data_dir)
    checked = prepared.checked
    if not checked.report.ok:
        raise MonitorError(t("redo.has_errors", id=upload_id, n=len(checked.report.errors)))
    changed = prepared.counts["gewijzigd"]
    if changed and not confirm_changes:
        raise MonitorError(t("redo.need_confirm", id=upload_id, n=changed))
    if prepared.kind == BUDGET_KIND:
        return budget_ingest.publish(
            store,
            checked,
            uploader=by,
            confirm_changes=confirm_changes,
            source=prepared.meta.get("bron") or prepared.source,
            meta=prepared.meta,
            data_dir=data_dir,
            division_id=prepared.division_id,
        )
    if prepared.kind == "meetingen":
        return publish(
            store,
            checked,
            uploader=by,
            confirm_changes=confirm_changes,
            meta=prepared.meta,
            data_dir=data_dir,
        )
    frame = checked.report.frame.drop(columns=["row"])
    meta = prepared.meta | {"aantallen": prepared.counts}
    with store.begin() as conn:
        new_id = store.publish(
            frame,
            kind=prepared.kind,
            conn=conn,
            filename=checked.name,
            uploader=by,
            source=prepared.source,
            meta=meta,
        )
        audit.record(
            store,
            by,
            "upload.redo",
            f"upload {new_id}: {checked.name}",
            {"herpubliceert": upload_id, "rijen": len(frame), **prepared.counts},
            conn=conn,
        )
    return new_id


def redone_message(store: Store, upload_id: int, new_id: int, lang: str = "nl") -> str:
    """What a redo says: the new upload and its rows (the CLI and the upload page)."""
    row = store.uploads_frame().set_index("id").loc[new_id]
    key = "redo.done_budget" if row["kind"] == BUDGET_KIND else "redo.done"
    rows = format_number(int(row["row_count"]), 0, lang)
    return t(key, lang, id=upload_id, new=new_id, rows=rows)
