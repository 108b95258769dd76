"""Trends: chosen areas against NAP and their stadsdeel over the years.

Every year on the axis is read for the chosen level (and for the stadsdeel level) in
one read per level, so a value hidden by scoring (too few residents, not published) is a gap here
too, and the *rond* band is the one that decided the colours:

* methods ``z`` and ``z5``: NAP ± band · spread of that year;
* ``relatief``: NAP · (1 ± band); ``index``: NAP · (1 ± band/100);
* ``absoluut``: NAP ± band.

With another reference than the gemeente ("Vergelijk met", :mod:`monitor.scoring.reference`)
the chosen areas are read with it (:meth:`Scorer.series` ``referentie=``) and
:attr:`Trend.own` holds, per area and year, the value each area's class compares with and
its name ("gemiddelde van stadsdeel Oost"); NAP stays on the chart for context.

Periods recomputed from an older division (:mod:`monitor.crosswalk`, *omgerekend* in the
measurements' source) are listed in :attr:`Trend.recomputed`, so the chart marks the break.

The years on the axis run from the first to the last year with measurements in the
indicator's own rhythm (every year, or every other year for a biennial survey); a year
in that rhythm without any value (vsv_p has none in 2020) stays on the axis as a gap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import reduce

import numpy as np
import pandas as pd

from monitor.catalog import Indicator
from monitor.compare import average_name
from monitor.messages import t
from monitor.numbers import format_difference
from monitor.period_kinds import JAAR, is_period, kind, next_period
from monitor.period_kinds import label as period_label
from monitor.scoring import Scorer, resolve_band
from monitor.scoring.methods import band_limits
from monitor.scoring.reference import AREA_CHOICES, DEFAULT, average_names
from monitor.store import LEVELS, PARENT_COLUMNS

LINE_COLUMNS = ["role", "code", "naam", "period", "value", "klasse", "reden"]
#: :attr:`Trend.own`: per chosen area and year its own reference (``key``: the area it
#: compares with, the area itself for similar areas, "basisjaar" for a base year).
OWN_COLUMNS = ["code", "key", "period", "nap", "spread", "low", "high", "gemiddelde"]


@dataclass
class Trend:
    """What the trends chart and its sentences need."""

    indicator: Indicator
    level: str
    method: str
    band: float
    gemeente: str
    years: list[int]
    #: period, nap, nap_source, spread, low, high (the *rond* band; NaN where unknown)
    reference: pd.DataFrame
    #: role ("gebied" or "stadsdeel"), code, naam, period, value, klasse, reden
    lines: pd.DataFrame
    #: the chosen areas, in the order chosen
    codes: list[str]
    #: chosen area → its stadsdeel (empty at stadsdeel level)
    stadsdeel_of: dict[str, str]
    #: periods whose values were recomputed from an older division (*omgerekend*,
    #: :mod:`monitor.crosswalk`): the series has a break there
    recomputed: list[int] = field(default_factory=list)
    #: the reference chosen ("Vergelijk met"): "gemeente" (NAP) unless another applies
    referentie: str = DEFAULT
    #: with another reference: :data:`OWN_COLUMNS` per chosen area and year (else None)
    own: pd.DataFrame | None = None
    #: with another reference: the chosen areas' scores as read (its ``attrs`` name the
    #: reference, for :func:`monitor.scoring.reference.compared_line`)
    frame: pd.DataFrame | None = None

    @property
    def shared(self) -> bool:
        """One reference for every area (a base year): one line and a band."""
        return self.referentie == "basisjaar"


def axis_years(periods: list[int]) -> list[int]:
    """First to last period in the series' own step (gcd of the differences); quarters
    and months: every one from the first to the last (:mod:`monitor.period_kinds`)."""
    if not periods:
        return []
    ordered = sorted(set(int(p) for p in periods))
    if is_period(ordered[0]) and kind(ordered[0]) != JAAR:
        found = [ordered[0]]
        while found[-1] < ordered[-1]:
            found.append(next_period(found[-1]))
        return found
    step = reduce(math.gcd, np.diff(ordered).tolist(), 0) or 1
    return list(range(ordered[0], ordered[-1] + 1, step))


def translate(scorer: Scorer, codes: list[str], level: str) -> list[str]:
    """Codes of any level to areas of ``level``: an area's parent when going up, its
    first child when going down. Unknown codes are dropped; the order is kept."""
    everything = scorer.all_areas
    by_code = everything.set_index("code")
    target = set(everything.loc[everything["level"] == level, "code"])
    out: list[str] = []
    for code in codes:
        if code in target:
            found = code
        elif code not in by_code.index:
            continue
        else:
            own = str(by_code.loc[code, "level"])
            if LEVELS.index(own) < LEVELS.index(level):
                parent = by_code.loc[code, PARENT_COLUMNS[level]]
                found = parent if parent in target else None
            else:
                col = PARENT_COLUMNS[own]
                kids = everything[(everything["level"] == level) & (everything[col] == code)]
                found = str(kids["code"].min()) if not kids.empty else None
        if found is not None and found not in out:
            out.append(str(found))
    return out


def area_trend(
    scorer: Scorer,
    indicator_id: str,
    level: str,
    codes: list[str],
    *,
    method: str | None = None,
    lang: str = "nl",
    referentie: str | None = None,
    base_year: int | None = None,
) -> Trend:
    """Scores of ``codes`` (areas of ``level``), their stadsdelen and NAP, per year;
    with ``referentie`` (and ``base_year``) the classes compare with that reference."""
    ind = scorer.indicator(indicator_id)
    method = method or ind.method
    band = resolve_band(method, ind.unit, ind.band)
    areas = scorer.areas(level)
    codes = [c for c in codes if c in set(areas["code"])]
    measured = scorer.store.periods(scorer.division_id, ind.id)
    years = axis_years(measured)

    chosen = areas[areas["code"].isin(codes)]
    stadsdeel_of: dict[str, str] = {}
    if level != "stadsdeel":
        for code in codes:
            sd = chosen.loc[chosen["code"] == code, PARENT_COLUMNS["stadsdeel"]].iloc[0]
            if isinstance(sd, str):
                stadsdeel_of[code] = sd
    stadsdelen = list(dict.fromkeys(stadsdeel_of.values()))
    if referentie == "basisjaar" and base_year is None:
        referentie = None  # no year yet: nothing else to compare with

    # Every measured year on the axis in one read per level (not one per year): the
    # chosen areas, and the level's first area, whose reference NAP and spread are the
    # chart's (as in a score frame of the year, in area-code order).
    read_years = [year for year in years if year in measured]
    first_code = str(areas["code"].min()) if not areas.empty else None
    wanted = list(dict.fromkeys([*codes, *([first_code] if first_code else [])]))
    frame = scorer.series(ind.id, read_years, level, wanted, method=method, lang=lang)
    own_frame = None
    if referentie not in (None, DEFAULT) and codes:
        own_frame = scorer.series(
            ind.id, read_years, level, codes, method=method, lang=lang,
            referentie=referentie, base_year=base_year,
        )  # fmt: skip
        if own_frame.attrs.get("referentie", DEFAULT) == DEFAULT:
            own_frame = None  # the choice does not fit the level: the gemeente
    chosen_ref = str(own_frame.attrs["referentie"]) if own_frame is not None else DEFAULT
    if chosen_ref == "stadsdeel":
        stadsdelen = []  # the stadsdeel is the reference: drawn as the areas' own lines
    firsts = frame[frame["code"] == first_code].drop_duplicates("period").set_index("period")
    refs = []
    for year in years:
        if year not in measured or year not in firsts.index:
            refs.append({"period": year, "nap": np.nan, "nap_source": "", "spread": np.nan})
            continue
        first = firsts.loc[year]
        refs.append(
            {
                "period": year,
                "nap": float(first["nap"]),
                "nap_source": str(first["nap_source"]),
                "spread": float(first["spread"]),
            }
        )
    scored_areas = own_frame if own_frame is not None else frame[frame["code"].isin(codes)]
    lines = [scored_areas.assign(role="gebied")]
    if stadsdelen:
        sd = scorer.series(ind.id, read_years, "stadsdeel", stadsdelen, method=method, lang=lang)
        lines.append(sd.assign(role="stadsdeel"))
    reference = pd.DataFrame(refs, columns=["period", "nap", "nap_source", "spread"])
    low, high = band_limits(reference["nap"], reference["spread"], method, band, ind.spread)
    reference["low"], reference["high"] = low, high

    # Every chosen area and stadsdeel gets a row for every year: missing years are gaps.
    names = dict(zip(chosen["code"], chosen["name"], strict=True))
    if stadsdelen:
        sd_areas = scorer.areas("stadsdeel")
        names |= dict(zip(sd_areas["code"], sd_areas["name"], strict=True))
    grid = pd.DataFrame(
        [
            {"role": role, "code": code, "naam": names.get(code, code), "period": year}
            for role, group in (("gebied", codes), ("stadsdeel", stadsdelen))
            for code in group
            for year in years
        ],
        columns=["role", "code", "naam", "period"],
    )
    scored = (
        pd.concat(lines, ignore_index=True)[["role", "code", "period", "value", "klasse", "reden"]]
        if lines
        else pd.DataFrame(columns=["role", "code", "period", "value", "klasse", "reden"])
    )
    merged = grid.merge(scored, on=["role", "code", "period"], how="left")
    merged["value"] = merged["value"].astype(float)
    merged["klasse"] = merged["klasse"].fillna("geen_gegevens")
    merged["reden"] = merged["reden"].fillna("")
    return Trend(
        ind,
        level,
        method,
        band,
        scorer.gemeente,
        years,
        reference,
        merged[LINE_COLUMNS],
        codes,
        stadsdeel_of,
        recomputed_periods(scorer, ind.id),
        chosen_ref,
        own_references(own_frame, chosen, codes, years, method, band, ind, lang),
        own_frame,
    )


def own_references(
    frame: pd.DataFrame | None,
    chosen: pd.DataFrame,
    codes: list[str],
    years: list[int],
    method: str,
    band: float,
    ind: Indicator,
    lang: str,
) -> pd.DataFrame | None:
    """:data:`OWN_COLUMNS` from the chosen areas' scores against another reference: every
    area gets a row for every year on the axis (a year without a reference is a gap)."""
    if frame is None:
        return None
    kind = str(frame.attrs.get("referentie", DEFAULT))
    rows = frame[["code", "period", "nap", "spread"]].assign(gemiddelde=average_names(frame, lang))
    if kind in AREA_CHOICES:  # one line per ancestor area, however many chosen areas share it
        parent = dict(zip(chosen["code"], chosen[PARENT_COLUMNS[kind]], strict=True))
        keys = {code: _key(parent.get(code), code) for code in codes}
    elif kind == "basisjaar":
        keys = dict.fromkeys(codes, "basisjaar")
    else:
        keys = {code: code for code in codes}
    grid = pd.DataFrame(
        [{"code": code, "key": keys[code], "period": year} for code in codes for year in years],
        columns=["code", "key", "period"],
    )
    own = grid.merge(rows, on=["code", "period"], how="left")
    own["nap"] = own["nap"].astype(float)
    own["spread"] = own["spread"].astype(float)
    low, high = band_limits(own["nap"], own["spread"], method, band, ind.spread)
    own["low"], own["high"] = low, high
    return own[OWN_COLUMNS]


def _key(parent: object, code: str) -> str:
    """The ancestor an area's line is shared by (itself when it has none)."""
    return parent if isinstance(parent, str) and parent else code


def recomputed_periods(scorer: Scorer, indicator_id: str) -> list[int]:
    """Periods of the scorer's division with values marked *omgerekend* in their source."""
    from monitor.crosswalk import is_recomputed

    sources = scorer.store.measurement_sources(scorer.division_id, [indicator_id])
    marked = sources["source"].map(is_recomputed).astype(bool)
    return sorted({int(p) for p in sources.loc[marked, "period"]})


def difference_text(diff: float, ind: Indicator, lang: str = "nl") -> str:
    """An absolute difference with its unit: "2,3 procentpunt", "€ 1.200", "0,3 punt"."""
    return format_difference(diff, ind.unit, ind.decimals, lang, signed=False)


def _direction(diff: float, decimals: int) -> str:
    rounded = round(diff, decimals)
    if rounded == 0:
        return "equal"
    return "above" if rounded > 0 else "below"


def sentence(trend: Trend, code: str, lang: str = "nl") -> str:
    """One plain sentence: the latest year against NAP, and the first year for contrast.

    "In 2024 lag Dijkpark 2,3 procentpunt onder het gemiddelde van Voorbeeldstad; in
    2017 was dat 1,1 procentpunt erboven." Only years with both a value and a NAP count.
    """
    ind = trend.indicator
    rows = trend.lines[(trend.lines["role"] == "gebied") & (trend.lines["code"] == code)]
    if rows.empty:
        return ""
    naam = str(rows["naam"].iloc[0])
    if trend.own is not None:  # each area against its own reference, named
        own = trend.own[trend.own["code"] == code][["period", "nap", "gemiddelde"]]
        merged = rows.merge(own, on="period")
    else:
        merged = rows.merge(trend.reference[["period", "nap"]], on="period")
        merged["gemiddelde"] = average_name(trend.gemeente, lang)
    merged = merged[merged["value"].notna() & merged["nap"].notna()]
    if merged.empty:
        return t("trends.sentence.none", lang, naam=naam)
    last = merged.iloc[-1]
    average = str(last["gemiddelde"])
    diff = float(last["value"] - last["nap"])
    text = t(
        f"trends.sentence.{_direction(diff, ind.decimals)}",
        lang,
        year=period_label(int(last["period"]), lang),
        naam=naam,
        diff=difference_text(diff, ind, lang),
        gemiddelde=average,
    )
    if len(merged) > 1:
        first = merged.iloc[0]
        diff0 = float(first["value"] - first["nap"])
        text += t(
            f"trends.sentence.then_{_direction(diff0, ind.decimals)}",
            lang,
            year=period_label(int(first["period"]), lang),
            diff=difference_text(diff0, ind, lang),
        )
    return text + "."
