"""Validate parsed budget lines against the store: one report line per problem.

The checks of a budget file (``monitor.ingest.budget`` parses it), each a small
function over whole columns: the header, area codes (shared with meetingen), years,
programmes, amounts, text lengths, duplicate lines, and a warning for realised amounts
far above the planned ones. A file with any error publishes nothing (``Report.ok``).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import pandas as pd

from monitor.budget import (
    COLUMNS,
    MAX_DESCRIPTION,
    MAX_SOURCE,
    OPTIONAL,
    REQUIRED,
    YEAR_RANGE,
    Programmes,
    load_programmes,
)
from monitor.ingest.report import Collector, Report
from monitor.ingest.validate import area_ids, parse_numbers, uses_comma_decimals
from monitor.numbers import format_number
from monitor.problems import ERROR, WARNING, Problem, Suggestion, closest, did_you_mean
from monitor.store import Store

#: A Dutch amount with thousands dots and no decimals, such as ``1.250`` or ``€ 12.500``.
_THOUSANDS = r"-?(€\s*)?\d{1,3}(\.\d{3})+"
#: The columns of the report's frame: the lines ready for the store.
OUT_COLUMNS = [
    "row",
    "area_id",
    "year",
    "programme",
    "description",
    "planned",
    "realised",
    "source",
    "note",
]


def parse_amounts(cells: pd.Series, text_file: bool = True) -> tuple[pd.Series, pd.Series]:
    """Amount cells → (values, ok), as :func:`monitor.ingest.validate.parse_numbers`.

    Decimal commas and thousands separators follow from the cells (``1.250,50``,
    ``1,250.50``). One rule is budget-specific: in a text file whose amounts have no
    commas, ``1.250`` and ``12.500`` are Dutch thousands (euros), not decimals, when
    every dotted amount has groups of three digits. Excel numbers never need this.
    """
    text = cells.astype(str).str.strip()
    comma = uses_comma_decimals(text)
    if not comma and text_file and not text.str.contains(",", regex=False).any():
        dotted = text[text.str.contains(".", regex=False)]
        comma = not dotted.empty and bool(dotted.str.fullmatch(_THOUSANDS).all())
    return parse_numbers(text, comma)


def closest_programme(text: str, programmes: Programmes) -> str | None:
    """The programme an unknown name most likely means: the closest spelling of a name
    or alias, else a programme sharing a word stem ("Groenvoorziening" → "… en groen")."""
    spellings = {
        s.lower(): p.name
        for p in programmes.programmes
        for s in (p.name, p.label_en, *p.aliases)
        if s
    }
    match = closest(text, spellings, cutoff=0.5)
    if match:
        return spellings[match]
    words = [w for w in re.findall(r"\w+", str(text).lower()) if len(w) >= 4]
    best: tuple[float, str] | None = None
    for spelling, name in spellings.items():
        stems = [w for w in re.findall(r"\w+", spelling) if len(w) >= 4]
        if any(w.startswith(s) or s.startswith(w) for w in words for s in stems):
            score = difflib.SequenceMatcher(None, str(text).lower(), spelling).ratio()
            if best is None or score > best[0]:
                best = (score, name)
    return best[1] if best else None


def header_problems(missing: list[str], unknown: list[str]) -> list[Problem]:
    """Required columns the header lacks (errors), columns it should not have (warnings)."""
    columns = Suggestion(
        "budget_check.hint_columns",
        {"required": ", ".join(REQUIRED), "optional": ", ".join(OPTIONAL)},
    )
    problems = [
        Problem("budget_check.missing_column", column=name, suggestion=columns) for name in missing
    ]
    problems += [
        Problem(
            "budget_check.unknown_column",
            column=name,
            suggestion=did_you_mean(name, COLUMNS),
            severity=WARNING,
        )
        for name in unknown
    ]
    return problems


def check_years(frame: pd.DataFrame, col: Collector) -> tuple[pd.Series, pd.Series]:
    """Years: whole numbers in :data:`YEAR_RANGE`. Returns (years, bad)."""
    year_text = frame["jaar"].astype(str).str.strip()
    years = pd.to_numeric(year_text, errors="coerce")
    not_int = years.isna() | (years % 1 != 0)
    out_of_range = ~not_int & ((years < YEAR_RANGE[0]) | (years > YEAR_RANGE[1]))
    if not_int.any():
        col.add(
            ERROR,
            frame[not_int],
            "jaar",
            year_text[not_int],
            "budget_check.not_a_year",
            Suggestion("ingest.hint_year"),
        )
    if out_of_range.any():
        col.add(
            ERROR,
            frame[out_of_range],
            "jaar",
            year_text[out_of_range],
            "budget_check.year_range",
            Suggestion("ingest.hint_year"),
            low=YEAR_RANGE[0],
            high=YEAR_RANGE[1],
        )
    return years, not_int | out_of_range


def check_programmes(
    frame: pd.DataFrame, programmes: Programmes, col: Collector
) -> tuple[pd.Series, pd.Series]:
    """Programmes from the configured list, with the closest name as a suggestion.
    Returns (programme names, missing where unknown; bad)."""
    prog_text = frame["programma"].astype(str).str.strip()
    found = prog_text.map(lambda v: programmes.match(v) if v else None)
    bad = found.isna()
    choose = Suggestion("budget_check.hint_choose", {"names": "; ".join(programmes.names)})
    empty = bad & (prog_text == "")
    if empty.any():
        col.add(ERROR, frame[empty], "programma", prog_text[empty], "budget_check.empty", choose)
    unknown = bad & (prog_text != "")
    if unknown.any():

        def suggest(value: str) -> Suggestion:
            match = closest_programme(value, programmes)
            return Suggestion("problem.did_you_mean", {"match": match}) if match else choose

        col.add(
            ERROR,
            frame[unknown],
            "programma",
            prog_text[unknown],
            "budget_check.unknown_programme",
            suggest,
        )
    return found, bad


@dataclass
class Amounts:
    """The amounts of every line, and which lines are wrong about them."""

    planned: pd.Series
    realised: pd.Series
    note: pd.Series
    bad: pd.Series


def check_amounts(frame: pd.DataFrame, text_file: bool, col: Collector) -> Amounts:
    """Planned is required and never negative; realised may be empty, and negative only
    as a correction explained in 'opmerking'."""
    planned_text = frame["begroot"].astype(str).str.strip()
    realised_text = frame["gerealiseerd"].astype(str).str.strip()
    # One decision on decimal commas for both columns: they are written alike.
    both, both_ok = parse_amounts(
        pd.concat([planned_text, realised_text], ignore_index=True), text_file
    )
    n = len(frame)
    planned, planned_ok, realised, realised_ok = (
        pd.Series(part.to_numpy(), index=frame.index)
        for part in (both.iloc[:n], both_ok.iloc[:n], both.iloc[n:], both_ok.iloc[n:])
    )
    if (~planned_ok).any():
        col.add(
            ERROR,
            frame[~planned_ok],
            "begroot",
            planned_text[~planned_ok],
            "budget_check.not_an_amount",
            Suggestion("budget_check.hint_amount"),
        )
    planned_empty = planned_ok & planned.isna()
    if planned_empty.any():
        col.add(
            ERROR,
            frame[planned_empty],
            "begroot",
            planned_text[planned_empty],
            "budget_check.missing",
            Suggestion("budget_check.hint_planned"),
        )
    planned_negative = planned < 0
    if planned_negative.any():
        col.add(
            ERROR,
            frame[planned_negative],
            "begroot",
            planned_text[planned_negative],
            "budget_check.negative_planned",
            Suggestion("budget_check.hint_correction"),
        )
    if (~realised_ok).any():
        col.add(
            ERROR,
            frame[~realised_ok],
            "gerealiseerd",
            realised_text[~realised_ok],
            "budget_check.not_an_amount",
            Suggestion("budget_check.hint_realised_amount"),
        )
    note = frame["opmerking"].astype(str).str.strip()
    unexplained = (realised < 0) & (note == "")
    if unexplained.any():
        col.add(
            ERROR,
            frame[unexplained],
            "gerealiseerd",
            realised_text[unexplained],
            "budget_check.negative_unexplained",
            Suggestion("budget_check.hint_note"),
        )
    bad = ~planned_ok | planned_empty | planned_negative | ~realised_ok | unexplained
    return Amounts(planned, realised, note, bad)


def check_lengths(frame: pd.DataFrame, col: Collector) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Description and source no longer than the store holds: refused, never cut.
    Returns (description, source, too long)."""
    description = frame["omschrijving"].astype(str).str.strip().str.replace(r"\s+", " ", regex=True)
    source = frame["bron"].astype(str).str.strip()
    too_long = pd.Series(False, index=frame.index)
    for column, values, limit in (
        ("omschrijving", description, MAX_DESCRIPTION),
        ("bron", source, MAX_SOURCE),
    ):
        long = values.str.len() > limit
        if long.any():
            col.add(
                ERROR,
                frame[long],
                column,
                values[long],
                "budget_check.too_long",
                Suggestion("budget_check.hint_shorten"),
                limit=limit,
            )
            too_long |= long
    return description, source, too_long


def check_duplicates(
    frame: pd.DataFrame, years: pd.Series, description: pd.Series, col: Collector
) -> pd.Series:
    """The same area, year, programme and description twice. The key holds what will be
    stored (area id, the year as a number), not the text as typed: "2024" and "2024.0"
    are one year to the database's unique index. Returns the repeated lines."""
    codes = frame["gebiedcode"].astype(str).str.strip()
    key = pd.DataFrame(
        {
            "area": frame["area_id"]
            .astype("float64")
            .astype(str)
            .where(frame["area_id"].notna(), codes.str.casefold()),
            "year": years.astype(str).where(years.notna(), frame["jaar"].astype(str).str.strip()),
            "programme": frame["programme"].fillna(
                frame["programma"].astype(str).str.strip().str.casefold()
            ),
            "description": description,
        },
        index=frame.index,
    )
    dup = key.duplicated(keep="first")
    if dup.any():
        first_row = frame["row"].groupby([key[c] for c in key.columns]).transform("first")
        col.add(
            ERROR,
            frame[dup],
            "omschrijving",
            description[dup],
            "ingest.duplicate",
            [
                Suggestion("budget_check.hint_duplicate", {"row": int(first)})
                for first in first_row[dup]
            ],
        )
    return dup


def warn_overspending(frame: pd.DataFrame, amounts: Amounts, col: Collector) -> None:
    """A warning for realised amounts above twice the planned ones (and above € 1.000)."""
    planned, realised = amounts.planned, amounts.realised
    over = realised.notna() & planned.notna() & (realised > 2 * planned) & (planned >= 0)
    over &= realised > 1000
    if over.any():
        realised_text = frame["gerealiseerd"].astype(str).str.strip()
        col.add(
            WARNING,
            frame[over],
            "gerealiseerd",
            realised_text[over],
            "budget_check.overspent",
            [
                Suggestion("budget_check.hint_overspent", {"planned": format_number(v, 2)})
                for v in planned[over]
            ],
        )


def validate(
    store: Store,
    frame: pd.DataFrame,
    *,
    missing_columns: list[str] | None = None,
    unknown_columns: list[str] | None = None,
    text_file: bool = True,
    division_id: int | None = None,
    programmes: Programmes | None = None,
    skipped: list[str] | None = None,
) -> Report:
    """Check every budget line; the report's frame holds the lines ready for the store.

    ``frame`` has a ``row`` column (the line in the file) and the text columns of
    :data:`monitor.budget.COLUMNS`. A file with any error publishes nothing (``Report.ok``).
    """
    division_id = division_id if division_id is not None else store.division_id()
    programmes = programmes or load_programmes(store)
    problems = header_problems(missing_columns or [], unknown_columns or [])
    if missing_columns:
        return Report(problems, pd.DataFrame(columns=OUT_COLUMNS), {}, list(skipped or []))
    frame = frame.copy()
    col = Collector()
    # Areas: own codes, aliases (CBS codes…), any case.
    codes = frame["gebiedcode"].astype(str).str.strip()
    frame["area_id"] = area_ids(store, division_id, frame, codes, col)
    years, bad_year = check_years(frame, col)
    frame["year"] = years
    frame["programme"], bad_prog = check_programmes(frame, programmes, col)
    amounts = check_amounts(frame, text_file, col)
    description, source, too_long = check_lengths(frame, col)
    dup = check_duplicates(frame, years, description, col)
    warn_overspending(frame, amounts, col)

    valid = ~(frame["area_id"].isna() | bad_year | bad_prog | amounts.bad | too_long | dup)
    clean = frame[valid]
    out = pd.DataFrame(
        {
            "row": clean["row"].astype("int64"),
            "area_id": clean["area_id"].astype("int64"),
            "year": clean["year"].astype("int64"),
            "programme": clean["programme"].astype(str),
            "description": description[valid],
            "planned": amounts.planned[valid].astype("float64"),
            "realised": amounts.realised[valid].astype("float64"),
            "source": source[valid].replace("", None),
            "note": amounts.note[valid].replace("", None),
        }
    ).reset_index(drop=True)
    problems += col.in_order()
    problems.sort(key=lambda p: (p.severity != ERROR, p.row or 0))
    return Report(problems, out, col.counts, list(skipped or []))
