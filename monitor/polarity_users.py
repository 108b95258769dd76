"""A user's own polarity: ``monitor indicator polarity ID POL --reden …`` and ``monitor
import polariteit FILE``. Kept in ``polarity_overrides`` (who, when, why), written to the
audit log, and applied again after every write of definitions (``Store.upsert_indicators``),
so it wins over the curation and survives every re-import of the metadata. Removing it
restores what it replaced (remembered on the override as ``base_*``).
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from monitor.catalog import Indicator
from monitor.errors import MonitorError
from monitor.messages import t
from monitor.polarity import Override, _overrides, _polarity, _read_toml, _reason


def apply_user_overrides(conn: Connection, ids: list[str] | None = None) -> list[str]:
    """Give the indicators ``ids`` (all: None) their user's own polarity again; called by
    ``Store.upsert_indicators`` after every write of definitions. What the override
    replaces is remembered on the override, so removing it restores the curated value."""
    from monitor.store import _chunks, divisions, indicators, mark_scores, polarity_overrides

    query = sa.select(polarity_overrides)
    rows: list[Any] = []
    if ids is None:
        rows = list(conn.execute(query).mappings())
    else:
        for chunk in _chunks(list(ids), 500):
            rows.extend(
                conn.execute(query.where(polarity_overrides.c.indicator_id.in_(chunk))).mappings()
            )
    applied = []
    for row in rows:
        current = (
            conn.execute(sa.select(indicators).where(indicators.c.id == row["indicator_id"]))
            .mappings()
            .first()
        )
        if current is None:
            continue
        if current["polarity_source"] != "gebruiker":
            conn.execute(
                polarity_overrides.update()
                .where(polarity_overrides.c.indicator_id == row["indicator_id"])
                .values(
                    base_polarity=current["polarity"],
                    base_source=current["polarity_source"],
                    base_reason=current["polarity_reason"],
                    base_reason_en=current["polarity_reason_en"],
                    base_by=current["polarity_by"],
                )
            )
        conn.execute(
            indicators.update()
            .where(indicators.c.id == row["indicator_id"])
            .values(
                polarity=row["polarity"],
                polarity_source="gebruiker",
                polarity_reason=row["reason"],
                polarity_reason_en=None,
                polarity_by=row["created_by"],
            )
        )
        applied.append(row["indicator_id"])
    if applied:
        mark_scores(conn, conn.scalars(sa.select(divisions.c.id)), applied)
    return applied


def _known(
    store: Any, ids: list[str], where: str | None = None, nothing_changed: bool = True
) -> None:
    """Every id must be in the catalogue; a clear error with the nearest ids otherwise."""
    known = set(store.indicators_frame()["id"])
    missing = [i for i in ids if i not in known]
    if missing:
        hints = []
        for ident in missing[:5]:
            close = difflib.get_close_matches(ident, known, n=1)
            hint = t("polarity.err.did_you_mean", id=close[0]) if close else ""
            hints.append(f"'{ident}'{hint}")
        text = t("polarity.err.unknown_indicator", hints=", ".join(hints))
        if nothing_changed:
            text += t("polarity.err.nothing_changed")
        raise MonitorError(f"{where}: {text}" if where else text[0].upper() + text[1:])


def set_user_polarities(
    store: Any, entries: list[Override], actor: str, source: str | None = None
) -> list[str]:
    """Store users' own polarities (one transaction, with an audit line each)."""
    from monitor import audit
    from monitor.store import now, polarity_overrides

    _known(store, [e.id for e in entries], source)
    stamp = now()
    with store.begin() as conn:
        old = {
            r["indicator_id"]: r
            for r in conn.execute(
                sa.select(polarity_overrides).where(
                    polarity_overrides.c.indicator_id.in_([e.id for e in entries])
                )
            ).mappings()
        }
        for entry in entries:
            previous = old.get(entry.id)
            if previous is not None:
                conn.execute(
                    polarity_overrides.update()
                    .where(polarity_overrides.c.indicator_id == entry.id)
                    .values(
                        polarity=entry.polarity,
                        reason=entry.reason["nl"],
                        created_by=actor,
                        created_at=stamp,
                    )
                )
            else:
                conn.execute(
                    sa.insert(polarity_overrides).values(
                        indicator_id=entry.id,
                        polarity=entry.polarity,
                        reason=entry.reason["nl"],
                        created_by=actor,
                        created_at=stamp,
                    )
                )
            audit.record(
                store,
                actor,
                "indicator.polarity",
                entry.id,
                {
                    "oud": previous["polarity"] if previous is not None else None,
                    "nieuw": entry.polarity,
                    "reden": entry.reason["nl"],
                    "bestand": source,
                },
                conn=conn,
            )
        apply_user_overrides(conn, [e.id for e in entries])
    return [e.id for e in entries]


def set_user_polarity(store: Any, ident: str, polarity: str, reason: str, actor: str) -> Indicator:
    """One user's own polarity for ``ident``; returns the indicator as now stored."""
    where = f"indicator '{ident}'"
    entry = Override(ident, _polarity(polarity, where), _reason(reason, where))
    set_user_polarities(store, [entry], actor)
    return indicator(store, ident)


def remove_user_polarity(store: Any, ident: str, actor: str) -> Indicator:
    """Drop the user's own polarity of ``ident``; the curated (or metadata) one returns."""
    from monitor import audit
    from monitor.store import divisions, indicators, mark_scores, polarity_overrides

    with store.begin() as conn:
        row = (
            conn.execute(
                sa.select(polarity_overrides).where(polarity_overrides.c.indicator_id == ident)
            )
            .mappings()
            .first()
        )
        if row is None:
            raise MonitorError(t("polarity.err.no_own", id=ident))
        conn.execute(
            sa.delete(polarity_overrides).where(polarity_overrides.c.indicator_id == ident)
        )
        if row["base_polarity"] is not None:
            conn.execute(
                indicators.update()
                .where(indicators.c.id == ident)
                .values(
                    polarity=row["base_polarity"],
                    polarity_source=row["base_source"],
                    polarity_reason=row["base_reason"],
                    polarity_reason_en=row["base_reason_en"],
                    polarity_by=row["base_by"],
                )
            )
            mark_scores(conn, conn.scalars(sa.select(divisions.c.id)), [ident])
        audit.record(
            store,
            actor,
            "indicator.polarity_removed",
            ident,
            {"was": row["polarity"], "terug": row["base_polarity"]},
            conn=conn,
        )
    return indicator(store, ident)


def load_user_file(path: Path) -> list[Override]:
    """A user's overrides file: ``[[override]]`` blocks with ``id``, ``polarity``, ``reason``."""
    path = Path(path)
    data = _read_toml(path)
    unknown = set(data) - {"override"}
    if unknown:
        raise MonitorError(
            t("polarity.err.own_blocks", name=path.name, blocks=", ".join(sorted(unknown)))
        )
    found = _overrides(data, path.name)
    if not found:
        raise MonitorError(t("polarity.err.no_overrides", name=path.name))
    return list(found.values())


def user_overrides(store: Any) -> pd.DataFrame:
    from monitor.store import polarity_overrides

    with store.engine.connect() as conn:
        return pd.read_sql(sa.select(polarity_overrides).order_by("indicator_id"), conn)


def indicator(store: Any, ident: str) -> Indicator:
    frame = store.indicators_frame([ident])
    if frame.empty:
        _known(store, [ident], nothing_changed=False)
    return Indicator.from_row(frame.iloc[0].to_dict())
