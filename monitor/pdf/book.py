"""What a PDF of many areas' profiles holds: the areas chosen, and per area the block
set's indicators with value, NAP, klasse, reason and the trend in words.

Everything is read from the materialised scores through :func:`monitor.profile.area_profile`
(one query per area, as the buurtprofiel); nothing is scored here. The texts are ready to
print (Dutch number formatting, class words, reasons) so the renderer only lays them out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from monitor.blocks import best_preset, measured_indicators, usable_preset
from monitor.catalog import DOMAINS, Indicator, domain_label
from monitor.errors import MonitorError
from monitor.messages import average_name, class_label, t
from monitor.numbers import format_difference, format_value
from monitor.period_kinds import is_sub_year
from monitor.profile import Profile, area_profile
from monitor.scoring import Scorer, uncertain
from monitor.scoring.read import division_areas, score_stamp
from monitor.store import LEVELS, PARENT_COLUMNS, Store
from monitor.times import format_time

#: More areas than this in one PDF is refused (a national division has 14,000 buurten):
#: Amsterdam's 481 buurten fit.
MAX_AREAS = 1000
#: How often the pages are read again when the scores change while they are read.
ATTEMPTS = 3
#: Called per area while gathering: (areas done, areas in all, the area's name).
Step = Callable[[int, int, str], None]


@dataclass
class PdfRow:
    """One indicator line of an area's page, every text ready to print."""

    indicator_id: str
    label: str
    period: str
    value: str
    nap: str
    klasse: str
    #: the class in one or two words for the chip ("beter", "gemiddeld", "geen gegevens")
    word: str
    #: the class against the average, in full ("beter dan het gemiddelde van …")
    klasse_text: str
    reason: str
    trend: str
    unsure: bool = False


@dataclass
class AreaPage:
    code: str
    name: str
    level: str
    #: "Wijk Duinpolder › Gebied Noord 1 › Stadsdeel Noord › Gemeente Voorbeeldstad"
    chain: str
    #: (group title, rows): the block set's domains in its order
    groups: list[tuple[str, list[PdfRow]]]


@dataclass
class ProfileBook:
    """The whole PDF: what the cover says and one page per area."""

    level: str
    within: tuple[str, str, str] | None  # (level, code, name) of the parent area
    #: what classes compare with (:data:`monitor.messages.OWN_GEMEENTE` with several)
    gemeente: str
    #: the gemeenten of the areas, by name, for the cover
    gemeenten: str
    fictional: bool
    lang: str
    set_name: str
    indicator_count: int
    generation: int
    built_at: str
    pages: list[AreaPage] = field(default_factory=list)
    made: date = field(default_factory=date.today)

    def title(self) -> str:
        """ "Buurtprofielen van stadsdeel Oost" / "… van Voorbeeldstad"."""
        levels = t(f"pdf.levels.{self.level}", self.lang)
        if self.within is None:
            return t("pdf.title_all", self.lang, levels=levels, gemeente=self.gemeenten)
        lvl, code, name = self.within
        return t(
            "pdf.title_within",
            self.lang,
            levels=levels,
            parent=f"{t(f'level.{lvl}', self.lang).lower()} {name}",
            code=code,
        )


def choose_areas(
    store: Store, division_id: int, level: str, within: str | None, lang: str = "nl"
) -> tuple[pd.DataFrame, tuple[str, str, str] | None]:
    """The areas of ``level`` (in code order), all or those inside the area ``within``
    (a code of a higher level, any case), and that area as (level, code, name)."""
    if level not in LEVELS:
        raise MonitorError(
            t("scoring.err.unknown_level", lang, level=level, choices=", ".join(LEVELS))
        )
    areas = division_areas(store, division_id)
    chosen = areas[areas["level"] == level]
    parent = None
    if within is not None and str(within).strip():
        match = areas[areas["code"].str.casefold() == str(within).strip().casefold()]
        if match.empty:
            raise MonitorError(t("report.not_found", lang, code=within))
        row = match.iloc[0]
        outer = str(row["level"])
        if LEVELS.index(outer) <= LEVELS.index(level):
            raise MonitorError(
                t(
                    "pdf.err.not_above",
                    lang,
                    code=row["code"],
                    level=t(f"level.{outer}", lang).lower(),
                    levels=t(f"pdf.levels.{level}", lang),
                )
            )
        chosen = chosen[chosen[PARENT_COLUMNS[outer]] == row["code"]]
        parent = (outer, str(row["code"]), str(row["name"]))
    if chosen.empty:
        raise MonitorError(t("pdf.err.no_areas", lang, levels=t(f"pdf.levels.{level}", lang)))
    if len(chosen) > MAX_AREAS:
        raise MonitorError(t("pdf.err.too_many", lang, n=len(chosen), max=MAX_AREAS))
    return chosen.sort_values("code").reset_index(drop=True), parent


def block_groups(scorer: Scorer, lang: str) -> tuple[str, list[tuple[str, list[str]]]]:
    """The block set (what the Blokjeskaart and the buurtbegroting show: Oost's 18 for the
    demo and the BBGA) as its name and (domain title, indicator ids); without one, every
    coloured indicator by domain."""
    catalogue = scorer.indicators
    best = best_preset(catalogue)
    measured = (
        None
        if any(i in catalogue for i in best.indicator_ids)
        else measured_indicators(scorer.store, scorer.division_id)
    )
    preset, _ = usable_preset(best, catalogue, measured)
    if preset is not None:
        return preset.title(lang), [(d.title(lang), list(d.indicators)) for d in preset.domains]
    coloured = [
        i
        for i in catalogue.values()
        if i.polarity != "geen" and not i.forecast and not is_sub_year(i.id)
    ]
    groups = []
    for domain in [*DOMAINS, *sorted({i.domain for i in coloured} - set(DOMAINS))]:
        ids = sorted(i.id for i in coloured if i.domain == domain)
        if ids:
            groups.append((domain_label(domain, lang), ids))
    return t("pdf.all_indicators", lang), groups


def trend_text(series: pd.DataFrame, ind: Indicator, lang: str) -> str:
    """The area's series in words: first and last measured year, up or down, and how it
    moved against the average (closer, further, or to its other side). "Gedaald van 8,1%
    (2017) naar 6,4% (2024); dichter bij het gemiddelde." One year: "Alleen gemeten in
    2024."."""
    rows = series[series["value"].notna()].sort_values("period")
    if rows.empty:
        return t("pdf.trend.none", lang)
    if len(rows) == 1:
        return t("pdf.trend.once", lang, year=int(rows["period"].iloc[0]))
    first, last = rows.iloc[0], rows.iloc[-1]
    change = float(last["value"] - first["value"])
    rounded = round(change, ind.decimals)
    way = "up" if rounded > 0 else "down" if rounded < 0 else "same"
    text = t(
        f"pdf.trend.{way}",
        lang,
        start=format_value(first["value"], ind.unit, ind.decimals, lang),
        end=format_value(last["value"], ind.unit, ind.decimals, lang),
        first=int(first["period"]),
        last=int(last["period"]),
        diff=format_difference(change, ind.unit, ind.decimals, lang, signed=False),
    )
    if pd.notna(first["nap"]) and pd.notna(last["nap"]) and ind.polarity != "geen":
        then = round(float(first["value"] - first["nap"]), ind.decimals)
        now = round(float(last["value"] - last["nap"]), ind.decimals)
        if now == 0 and then != 0:
            text += t("pdf.trend.at", lang)
        elif now * then <= 0 and now != 0:  # crossed (or left) the average
            text += t("pdf.trend.above" if now > 0 else "pdf.trend.below", lang)
        elif abs(now) != abs(then):
            text += t("pdf.trend.closer" if abs(now) < abs(then) else "pdf.trend.further", lang)
    return text + "."


def area_page(
    scorer: Scorer, code: str, groups: list[tuple[str, list[str]]], lang: str
) -> AreaPage:
    """One area's page from its materialised scores (:func:`monitor.profile.area_profile`)."""
    ids = [i for _, group in groups for i in group]
    profile: Profile = area_profile(scorer, code, lang, ids)
    by_id = {r["indicator_id"]: r for r in profile.rows.to_dict("records")}
    catalogue = scorer.indicators
    printed: list[tuple[str, list[PdfRow]]] = []
    for title, group in groups:
        rows = [
            _row(by_id[i], catalogue[i], profile.series, lang, scorer.gemeente)
            for i in group
            if i in by_id
        ]
        if rows:
            printed.append((title, rows))
    chain = " › ".join(f"{t(f'level.{lvl}', lang)} {name}" for lvl, _, name in profile.parents)
    return AreaPage(profile.code, profile.name, profile.level, chain, printed)


def _row(
    r: dict[str, Any], ind: Indicator, series: pd.DataFrame, lang: str, gemeente: str
) -> PdfRow:
    unsure = bool(uncertain(r["reden_code"]))
    words = class_label(r["klasse"], lang, gemeente)
    note = r.get("polariteit_kort")
    if isinstance(note, str):
        words = f"{words} ({note})"
    return PdfRow(
        indicator_id=ind.id,
        label=str(r["label"]),
        period=str(r["period"]),
        value=format_value(r["value"], r["unit"], r["decimals"], lang),
        nap=format_value(r["nap"], r["unit"], r["decimals"], lang),
        klasse=str(r["klasse"]),
        word=t(f"class_short.{r['klasse']}", lang)
        + (f" {t('uncertain.marker', lang)}" if unsure else ""),
        klasse_text=words,
        reason=str(r["reden"]),
        trend=trend_text(_up_to(series[series["indicator_id"] == ind.id], r["period"]), ind, lang),
        unsure=unsure,
    )


def _up_to(series: pd.DataFrame, period: Any) -> pd.DataFrame:
    """The series up to the row's year: a later year without colours (too few areas
    measured) is not shown in the row, so its trend must not end there either."""
    try:
        last = int(period)
    except (TypeError, ValueError):
        return series
    return series[series["period"].astype(int) <= last]


def gather(
    store: Store,
    level: str,
    within: str | None = None,
    lang: str = "nl",
    division_id: int | None = None,
    step: Step | None = None,
) -> ProfileBook:
    """Everything the PDF shows: the cover's facts and one page per area of ``level``
    (inside ``within`` when given). ``step`` hears of every area done."""
    division_id = division_id if division_id is not None else store.division_id()
    scorer = Scorer(store, division_id)
    areas, parent = choose_areas(store, division_id, level, within, lang)
    set_name, groups = block_groups(scorer, lang)
    generation, built = score_stamp(store, division_id)
    book = ProfileBook(
        level=level,
        within=parent,
        gemeente=scorer.gemeente,
        gemeenten=_gemeenten(store, division_id, areas),
        fictional=bool(store.division(division_id)["fictional"]),
        lang=lang,
        set_name=set_name,
        indicator_count=sum(len(ids) for _, ids in groups),
        generation=generation,
        built_at=format_time(built, lang) if built else "",
    )
    total = len(areas)
    # Pages are read one area at a time; when an upload rescored meanwhile, read them
    # again, so every page and the cover's generation agree (a few tries, then as is).
    for _attempt in range(ATTEMPTS):
        book.pages = []
        for number, code in enumerate(areas["code"], start=1):
            page = area_page(scorer, str(code), groups, lang)
            book.pages.append(page)
            if step is not None:
                step(number, total, page.name)
        now = score_stamp(store, division_id)
        if now == (generation, built):
            break
        generation, built = now
        book.generation = generation
        book.built_at = format_time(built, lang) if built else ""
    return book


def _gemeenten(store: Store, division_id: int, chosen: pd.DataFrame) -> str:
    """The names of the chosen areas' gemeenten ("Voorbeeldstad"; a few, then "…");
    the division's gemeente when its areas name none."""
    areas = division_areas(store, division_id)
    names = areas[areas["level"] == "gemeente"].set_index("code")["name"]
    found = [str(names[c]) for c in sorted(chosen["gemeente_code"].dropna().unique()) if c in names]
    if not found:
        return str(store.division(division_id)["gemeente"])
    return ", ".join(found[:5]) + (", …" if len(found) > 5 else "")


def average_words(book: ProfileBook) -> str:
    """ "het gemiddelde van Voorbeeldstad" (or "het Amsterdams gemiddelde")."""
    return average_name(book.gemeente, book.lang)
