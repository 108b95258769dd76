"""A user's own polarity: ``monitor indicator polarity ID POL --reden …`` and ``monitor
import polariteit FILE``. Kept in ``polarity_overrides`` (who, when, why), written to the
audit log, and applied again after every write of definitions (``Store.upsert_indicators``),
so it wins over the curation and survives every re-import of the metadata. Removing it
restores what it replaced (remembered on the override as ``base_*``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from monitor import audit
from monitor.catalog import Indicator
from monitor.errors import MonitorError
from monitor.messages import t
from monitor.polarity import Override, _overrides, _polarity, _read_toml, _reason
from monitor.problems import closest
from monitor.store import now
from monitor.store import polarity as polarity_sql
from monitor.store.polarity import apply_user_overrides

__all__ = [
    "apply_user_overrides",
    "indicator",
    "load_user_file",
    "remove_user_polarity",
    "set_user_polarities",
    "set_user_polarity",
    "user_overrides",
]


def _known(
    store: Any, ids: list[str], where: str | None = None, nothing_changed: bool = True
) -> None:
    """Every id must be in the catalogue; a clear error with the nearest ids otherwise."""
    known = set(store.indicators_frame()["id"])
    missing = [i for i in ids if i not in known]
    if missing:
        hints = []
        for ident in missing[:5]:
            close = closest(ident, known)
            hint = t("polarity.err.did_you_mean", id=close) if close else ""
            hints.append(f"'{ident}'{hint}")
        text = t("polarity.err.unknown_indicator", hints=", ".join(hints))
        if nothing_changed:
            text += t("polarity.err.nothing_changed")
        raise MonitorError(f"{where}: {text}" if where else text[0].upper() + text[1:])


def set_user_polarities(
    store: Any, entries: list[Override], actor: str, source: str | None = None
) -> list[str]:
    """Store users' own polarities (one transaction, with an audit line each)."""
    _known(store, [e.id for e in entries], source)
    stamp = now()
    with store.begin() as conn:
        old = polarity_sql.overrides_of(conn, [e.id for e in entries])
        for entry in entries:
            previous = old.get(entry.id)
            polarity_sql.save_override(
                conn,
                entry.id,
                entry.polarity,
                entry.reason["nl"],
                actor,
                stamp,
                exists=previous is not None,
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
    with store.begin() as conn:
        row = polarity_sql.remove_override(conn, ident)
        if row is None:
            raise MonitorError(t("polarity.err.no_own", id=ident))
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
    with store.engine.connect() as conn:
        return polarity_sql.overrides_frame(conn)


def indicator(store: Any, ident: str) -> Indicator:
    frame = store.indicators_frame([ident])
    if frame.empty:
        _known(store, [ident], nothing_changed=False)
    return Indicator.from_row(frame.iloc[0].to_dict())
