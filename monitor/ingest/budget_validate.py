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
from monitor.ingest.parse import normalise
from monitor.ingest.validate import (
    Collector,
    Problem,
    Report,
    area_ids,
    parse_numbers,
    uses_comma_decimals,
)
from monitor.numbers import format_number
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
    match = difflib.get_close_matches(str(text).lower(), list(spellings), n=1, cutoff=0.5)
    if match:
        return spellings[match[0]]
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
    problems: list[Problem] = []
    for name in missing:
        problems.append(
            Problem(
                "fout",
                None,
                name,
                None,
                "ontbreekt in de kopregel",
                f"Een begrotingsbestand heeft de kolommen {', '.join(REQUIRED)} "
                f"(verplicht) en {', '.join(OPTIONAL)}.",
            )
        )
    known_names = list(COLUMNS)
    for name in unknown:
        match = difflib.get_close_matches(normalise(name), known_names, n=1, cutoff=0.6)
        problems.append(
            Problem(
                "waarschuwing",
                None,
                name,
                None,
                "is geen kolom van een begrotingsbestand en wordt overgeslagen",
                f"Bedoelt u '{match[0]}'?" if match else None,
            )
        )
    return problems


def check_years(frame: pd.DataFrame, col: Collector) -> tuple[pd.Series, pd.Series]:
    """Years: whole numbers in :data:`YEAR_RANGE`. Returns (years, bad)."""
    year_text = frame["jaar"].astype(str).str.strip()
    years = pd.to_numeric(year_text, errors="coerce")
    not_int = years.isna() | (years % 1 != 0)
    out_of_range = ~not_int & ((years < YEAR_RANGE[0]) | (years > YEAR_RANGE[1]))
    if not_int.any():
        col.add(
            "fout",
            frame[not_int],
            "jaar",
            year_text[not_int],
            "is geen jaartal (een heel getal)",
            "Gebruik een jaar van vier cijfers, bv. 2024.",
        )
    if out_of_range.any():
        col.add(
            "fout",
            frame[out_of_range],
            "jaar",
            year_text[out_of_range],
            f"valt buiten {YEAR_RANGE[0]}–{YEAR_RANGE[1]}",
            "Gebruik een jaar van vier cijfers, bv. 2024.",
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
    choose = f"Kies uit: {'; '.join(programmes.names)}."
    empty = bad & (prog_text == "")
    if empty.any():
        col.add("fout", frame[empty], "programma", prog_text[empty], "is leeg", choose)
    unknown = bad & (prog_text != "")
    if unknown.any():

        def suggest(value: str) -> str:
            match = closest_programme(value, programmes)
            return f"Bedoelt u '{match}'?" if match else choose

        col.add(
            "fout",
            frame[unknown],
            "programma",
            prog_text[unknown],
            "is geen bekend programma",
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
    amount_hint = "Gebruik een bedrag in cijfers, bv. 1.250,50 of 1250.50 (een € mag ervoor staan)."
    if (~planned_ok).any():
        col.add(
            "fout",
            frame[~planned_ok],
            "begroot",
            planned_text[~planned_ok],
            "is geen bedrag",
            amount_hint,
        )
    planned_empty = planned_ok & planned.isna()
    if planned_empty.any():
        col.add(
            "fout",
            frame[planned_empty],
            "begroot",
            planned_text[planned_empty],
            "ontbreekt",
            "Vul het begrote bedrag in; 0 als er niets begroot was.",
        )
    planned_negative = planned < 0
    if planned_negative.any():
        col.add(
            "fout",
            frame[planned_negative],
            "begroot",
            planned_text[planned_negative],
            "is negatief; een begroot bedrag kan niet negatief zijn",
            "Boek een correctie als negatief gerealiseerd bedrag met een opmerking.",
        )
    if (~realised_ok).any():
        col.add(
            "fout",
            frame[~realised_ok],
            "gerealiseerd",
            realised_text[~realised_ok],
            "is geen bedrag",
            amount_hint + " Laat de cel leeg als er nog niets is gerealiseerd.",
        )
    note = frame["opmerking"].astype(str).str.strip()
    unexplained = (realised < 0) & (note == "")
    if unexplained.any():
        col.add(
            "fout",
            frame[unexplained],
            "gerealiseerd",
            realised_text[unexplained],
            "is negatief zonder opmerking",
            "Een negatief gerealiseerd bedrag (een correctie) mag alleen met een toelichting "
            "in de kolom 'opmerking'.",
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
                "fout",
                frame[long],
                column,
                values[long],
                f"is langer dan {limit} tekens",
                "Kort de tekst in.",
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
            "fout",
            frame[dup],
            "omschrijving",
            description[dup],
            "dubbele regel",
            [
                f"Dezelfde gebiedcode, jaar, programma en omschrijving staan al in rij "
                f"{int(first)}; tel de bedragen op in één regel of maak de omschrijving "
                "verschillend."
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
            "waarschuwing",
            frame[over],
            "gerealiseerd",
            realised_text[over],
            "is meer dan het dubbele van het begrote bedrag",
            [
                f"Begroot was € {format_number(v, 2)}; controleer het bedrag en het decimaalteken."
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
    problems += col.problems
    problems.sort(key=lambda p: (p.severity != "fout", p.row or 0))
    return Report(problems, out, col.counts, list(skipped or []))
