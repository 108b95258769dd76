"""Validate parsed meetingen against the store: a report, one line per problem.

Errors block publishing; warnings do not. Every problem (:class:`monitor.problems.Problem`)
names the row and column as the analyst sees them in the file, the value, what is wrong
and what to do, as message keys of the catalogue: the report reads in Dutch, or in
English with ``Report.lines("en")``. All checks are vectorised: a million rows validate
in seconds. The problems are collected in a :class:`monitor.ingest.report.Collector`
and returned in a :class:`monitor.ingest.report.Report` (as for budget files).
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from monitor import catalog
from monitor.areas import resolve_codes
from monitor.channel import current
from monitor.ingest.limits import check_stored_text
from monitor.ingest.numbers import (
    MISSING,
    Distinct,
    parse_numbers,
    per_value,
    uses_comma_decimals,
)
from monitor.ingest.parse import Parsed
from monitor.ingest.report import Collector, Report
from monitor.messages import t
from monitor.problems import (
    ERROR,
    WARNING,
    Problem,
    Suggestion,
    closest,
    did_you_mean,
    fold,
)
from monitor.store import Store
from monitor.store.schema import measurements

#: Plausible ranges per unit: a percentage above 100 is a mistake, not an outlier.
UNIT_RANGES = {"%": (0.0, 100.0), "rapportcijfer": (1.0, 10.0)}
#: File columns stored as text, and where: their widths come from the schema.
STORED_TEXT = {"bron": measurements.c.source, "opmerking": measurements.c.note}


def channel_hint(key: str, **params: Any) -> Suggestion:
    """What to do, as the reader's channel says it (``hint.<key>.<cli|web>``, see
    :mod:`monitor.channel`); the channel is fixed when the problem is found."""
    return Suggestion(f"hint.{key}.{current()}", params)


def area_ids(
    store: Store,
    division_id: int,
    frame: pd.DataFrame,
    codes: pd.Series,
    col: Collector,
    city_code: str | None = None,
) -> pd.Series:
    """The area id of every row's code (own codes, aliases such as CBS codes, any case),
    missing where the code is unknown; each unknown code is an error in ``col`` with the
    closest known code as suggestion. ``city_code`` (BBGA's ``STAD``) means the gemeente
    when no area has that code. Meetingen and budget files share this rule."""
    distinct = Distinct.of(codes)
    ids = resolve_codes(store, division_id, distinct.values)
    if city_code is not None and city_code not in ids:
        city = store.areas_frame(division_id, "gemeente")
        if not city.empty:
            ids[city_code] = int(city["id"].iloc[0])
    found = distinct.apply(lambda c: c.map(ids).astype("float64"))
    unknown = found.isna()
    if unknown.any():
        col.add(
            ERROR,
            frame[unknown],
            "gebiedcode",
            codes[unknown],
            "ingest.unknown_area",
            AreaHints(store.areas_frame(division_id)).suggest,
        )
    return found


class AreaHints:
    """What an unknown value in the code column probably meant: a known code it resembles,
    or the code of the area whose *name* it is ("Kop Zeedijk" → A00a), matched without
    regard to accents and case, and loosely for a typo."""

    def __init__(self, areas: pd.DataFrame) -> None:
        self.codes = sorted(areas["code"])
        self.folded_codes = {c.casefold() for c in self.codes}
        self.names: dict[str, tuple[str, str]] = {}
        for row in areas.itertuples():
            self.names.setdefault(fold(row.name), (row.code, row.name))

    def suggest(self, value: str) -> Suggestion:
        key = fold(value)
        if key in self.names:
            return self._name(key)
        near = did_you_mean(value, self.codes)
        if near:
            return near
        first = key.split(" ", 1)[0]
        if " " in key and first in self.folded_codes:
            return code_hint(value)  # "A00a Kop Zeedijk": a code with its name
        loose = closest(key, list(self.names), cutoff=0.8)
        return self._name(loose) if loose else code_hint(value)

    def _name(self, key: str) -> Suggestion:
        code, name = self.names[key]
        return Suggestion("hint.name_for_code", {"code": code, "name": name})


def validate(
    store: Store, parsed: Parsed, division_id: int | None = None, history: bool = True
) -> Report:
    """Check every row; return the problems and the typed rows that passed."""
    division_id = division_id if division_id is not None else store.division_id()
    frame = parsed.frame.copy(deep=False)  # new columns only: the parsed cells stay as read
    absent = parsed.absent  # optional columns not in the file: no work on their empty cells
    col = Collector()
    inds = catalog.load_from_store(store)

    # Areas: own codes, aliases (CBS codes…), case-insensitive; BBGA's STAD is the city.
    codes = frame["gebiedcode"].astype(str).str.strip()
    city = "STAD" if parsed.format == "bbga" else None
    frame["area_id"] = area_ids(store, division_id, frame, codes, col, city_code=city)
    unknown = frame["area_id"].isna()

    # Indicators: matched without regard to case (the report says which were mapped);
    # forecasts are skipped (never measurements), unknown ones are errors.
    # Every step on the distinct ids (a million rows hold a few dozen).
    ind = Distinct.of(frame["indicator"].astype(str))
    ind = ind.mapped(lambda ids: _catalogue_case(ids.str.strip(), inds, col))
    ind_ids = frame["indicator"] = ind.cells()
    forecast = ind.apply(
        lambda ids: (
            ids.str.contains(catalog.FORECAST_PATTERN)
            | ids.map({i: d.forecast for i, d in inds.items()}).eq(True)
        ),
    )
    skipped = list(parsed.skipped)
    if forecast.any():
        skipped.append(t("ingest.skipped_forecasts", n=int(forecast.sum())))
        frame = frame[~forecast]
        codes, ind_ids, ind = codes[~forecast], ind_ids[~forecast], ind.rows(~forecast)
    bad_ind = ind.apply(lambda ids: ~ids.isin(inds.keys()))
    if bad_ind.any():
        col.add(
            ERROR,
            frame[bad_ind],
            "indicator",
            ind_ids[bad_ind],
            "ingest.unknown_indicator",
            lambda v: did_you_mean(v, sorted(inds)) or channel_hint("define_indicator"),
        )

    # Periods: whole years.
    period_text = frame["periode"].astype(str).str.strip()
    periods = per_value(period_text, lambda p: pd.to_numeric(p, errors="coerce").astype("float64"))
    bad_period = periods.isna() | (periods % 1 != 0) | (periods < 1900) | (periods > 2100)
    if bad_period.any():
        col.add(
            ERROR,
            frame[bad_period],
            "periode",
            period_text[bad_period],
            "ingest.not_a_year",
            Suggestion("ingest.hint_year"),
        )
    frame["period"] = periods

    # Values and n.
    comma = uses_comma_decimals(frame["waarde"])
    values, ok = parse_numbers(frame["waarde"], comma)
    if (~ok).any():
        col.add(
            ERROR,
            frame[~ok],
            "waarde",
            frame.loc[~ok, "waarde"],
            "ingest.not_a_number",
            Suggestion("ingest.hint_number"),
        )
    frame["value"] = values
    frame["flag"] = _flags(frame["waarde"], values.isna() & ok)
    if "n" in absent:
        n_values, n_bad = pd.Series(np.nan, index=frame.index), pd.Series(False, frame.index)
    else:
        n_values, n_ok = parse_numbers(frame["n"], uses_comma_decimals(frame["n"]))
        n_bad = ~n_ok | (n_values < 0)
        if n_bad.any():
            col.add(ERROR, frame[n_bad], "n", frame.loc[n_bad, "n"], "ingest.bad_n")
    frame["n"] = n_values

    units = ind.apply(lambda ids: ids.map({i: d.unit for i, d in inds.items()}))
    for unit, (low, high) in UNIT_RANGES.items():
        out = (units == unit) & ((values < low) | (values > high))
        if out.any():
            label = "percentage" if unit == "%" else "rapportcijfer"
            col.add(
                ERROR,
                frame[out],
                "waarde",
                frame.loc[out, "waarde"],
                f"ingest.out_of_range_{label}",
                Suggestion("ingest.hint_unit"),
                low=f"{low:g}",
                high=f"{high:g}",
            )
    negative_count = (units == "aantal") & (values < 0)
    if negative_count.any():
        col.add(
            ERROR,
            frame[negative_count],
            "waarde",
            frame.loc[negative_count, "waarde"],
            "ingest.negative_count",
        )

    # Peildatum: ISO or Dutch day-month-year. Text no longer than the store keeps.
    if "peildatum" in absent:
        frame["peildatum"], frame["peildatum_ok"] = None, True
    else:
        frame["peildatum"] = _dates(frame, col)
    stored = {c: target for c, target in STORED_TEXT.items() if c not in absent}
    too_long = check_stored_text(frame, stored, col)

    # Duplicate keys within the file.
    # As numbers: the area id, an unknown code by its spelling without case (negative).
    key = ["area_key", "indicator_key", "period_key"]
    area_key = frame["area_id"].fillna(-1).to_numpy(dtype="int64", copy=True)
    lost = frame["area_id"].isna().to_numpy()
    if lost.any():
        area_key[lost] = -2 - pd.factorize(codes[lost].str.casefold())[0]
    frame["area_key"] = area_key
    frame["indicator_key"] = ind.keys
    frame["period_key"] = pd.factorize(frame["period"])[0]
    dup = _repeated(frame[key]) & ~bad_period
    if dup.any():
        first_rows = frame.drop_duplicates(key, keep="first").set_index(key)["row"]
        firsts = [
            int(first_rows.loc[tuple(k)]) for k in frame.loc[dup, key].itertuples(index=False)
        ]
        col.add(
            ERROR,
            frame[dup],
            "gebiedcode",
            codes[dup],
            "ingest.duplicate",
            [Suggestion("ingest.hint_duplicate", {"row": first}) for first in firsts],
        )

    # Warnings: n below the minimum respondents; values far outside history.
    few = pd.Series(False, index=frame.index)
    if "n" not in absent:
        min_resp = ind.apply(
            lambda ids: ids.map({i: d.min_respondents for i, d in inds.items()}).astype("float64"),
        ).fillna(0)
        few = frame["n"].notna() & (frame["n"] < min_resp) & (min_resp > 0)
    if few.any():
        col.add(
            WARNING,
            frame[few],
            "n",
            frame.loc[few, "n"].map(lambda v: f"{v:g}"),
            "ingest.few_respondents",
        )
    if history:
        _history_warnings(store, division_id, frame, col)

    valid = ~(unknown | bad_ind | bad_period | ~ok | n_bad | dup).reindex(
        frame.index, fill_value=False
    )
    for unit, (low, high) in UNIT_RANGES.items():
        valid &= ~((units == unit) & ((values < low) | (values > high)))
    valid &= ~negative_count & frame["peildatum_ok"] & ~too_long
    clean = frame[valid].assign(
        area_id=lambda f: f["area_id"].astype("int64"),
        indicator_id=lambda f: f["indicator"],
        period=lambda f: f["period"].astype("int64"),
        source=lambda f: _text(f, "bron", absent),
        note=lambda f: _text(f, "opmerking", absent),
    )[
        [
            "row",
            "area_id",
            "indicator_id",
            "period",
            "value",
            "n",
            "peildatum",
            "source",
            "note",
            "flag",
        ]
    ]
    return Report(col.in_order(), clean.reset_index(drop=True), col.counts, skipped)


def _repeated(keys: pd.DataFrame) -> pd.Series:
    """Rows whose key (integer columns) an earlier row has: ``DataFrame.duplicated`` on
    one number per key (the columns' codes combined), a single hash pass."""
    combined = np.zeros(len(keys), dtype="int64")
    for name in keys:
        codes, distinct = pd.factorize(keys[name])
        combined = combined * len(distinct) + codes
    return pd.Series(combined, index=keys.index).duplicated(keep="first")


def _flags(cells: pd.Series, blank: pd.Series) -> pd.Series:
    """The missing-value marker (leeg, onderdrukt) of the ``blank`` rows (no number,
    no error), NaN elsewhere: read from those rows' cells only."""
    flags = pd.Series(np.nan, index=cells.index, dtype=object)
    if blank.any():
        found = per_value(cells[blank].astype(str), _marker)
        flags[blank] = found.to_numpy(dtype=object)
    return flags


def _marker(cells: pd.Series) -> pd.Series:
    """The missing-value marker a blank cell's text means (:data:`MISSING`)."""
    return cells.str.strip().str.lower().map(MISSING)


def _text(frame: pd.DataFrame, column: str, absent: frozenset[str]) -> pd.Series:
    """A free-text column as stored: stripped, an empty cell None."""
    if column in absent:
        return pd.Series(None, index=frame.index, dtype=object)
    return frame[column].astype(str).str.strip().replace("", None)


def _catalogue_case(ids: pd.Series, inds: dict, col: Collector) -> pd.Series:
    """Indicator ids as the catalogue spells them: ``bevtotaal`` is ``BEVTOTAAL``. Each
    spelling that was mapped is one warning (not one per row); an id that matches two
    catalogue ids differing only in case is left alone (and reported as unknown)."""
    by_fold: dict[str, list[str]] = {}
    for ind in inds:
        by_fold.setdefault(ind.casefold(), []).append(ind)
    mapping = {}
    for found in ids.unique():
        if found in inds:
            continue
        same = by_fold.get(str(found).casefold(), [])
        if len(same) == 1:
            mapping[found] = same[0]
    if not mapping:
        return ids
    for found, ind in mapping.items():
        params = {"found": found, "id": ind}
        col.note(Problem("hint.indicator_case", params, column="indicator", severity=WARNING))
    return ids.replace(mapping)


def code_hint(value: str) -> Suggestion:
    """What to do about an unknown area code that resembles no known one."""
    if re.match(r"^\S+\s+\S", str(value)):
        return channel_hint("code_pattern")
    return channel_hint("alias")


def _dates(frame: pd.DataFrame, col: Collector) -> pd.Series:
    # Every step on the distinct cells (a file without dates: one empty cell).
    dates, bad = per_value(frame["peildatum"], _date)
    frame["peildatum_ok"] = ~bad
    if bad.any():
        col.add(
            ERROR,
            frame[bad],
            "peildatum",
            _date_text(frame.loc[bad, "peildatum"]),
            "ingest.not_a_date",
            Suggestion("ingest.hint_date"),
        )
    return dates


def _date_text(cells: pd.Series) -> pd.Series:
    return cells.astype(str).str.strip().str.removesuffix(" 00:00:00")  # Excel


def _date(cells: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(date or None, whether the cell is a non-empty text that is no date)."""
    text = _date_text(cells)
    iso = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    parsed = iso.fillna(pd.to_datetime(text, format="%d-%m-%Y", errors="coerce"))
    dates = parsed.dt.date.where(parsed.notna(), None).astype(object)
    return dates, (text != "") & parsed.isna()


def _history_warnings(store: Store, division_id: int, frame: pd.DataFrame, col: Collector) -> None:
    """Warn when a value lies far outside everything measured before for its indicator."""
    indicators = [i for i in frame["indicator"].unique() if isinstance(i, str)]
    if not indicators:
        return
    past = store.current_values(division_id, indicators)
    past = past[past["value"].notna()]
    if past.empty:
        return
    bounds = past.groupby("indicator_id")["value"].agg(
        low=lambda s: s.quantile(0.01), high=lambda s: s.quantile(0.99), count="count"
    )
    bounds = bounds[bounds["count"] >= 10]
    joined = frame[["indicator", "value"]].join(bounds, on="indicator")
    width = joined["high"] - joined["low"]
    far = (joined["value"] < joined["low"] - width) | (joined["value"] > joined["high"] + width)
    far &= width > 0
    if far.any():
        col.add(
            WARNING,
            frame[far],
            "waarde",
            frame.loc[far, "waarde"],
            "ingest.far_from_history",
            Suggestion("ingest.hint_decimal"),
        )
