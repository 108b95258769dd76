"""The buurtbegroting's budget lines: programmes, validation, totals and amounts per inhabitant.

A budget line says what is planned (*begroot*) and spent (*gerealiseerd*) for one area,
year and programme, with a description and a source (PRODUCT.md §3.6, §4). Lines arrive
as an upload of kind ``begroting`` through the same pipeline as meetingen
(``monitor.ingest.budget``: parse, validate here, preview, publish, undo) and are
versioned in the store in the same way.

**Programmes** are configuration, not code: ``indicators/programmas.toml`` lists the
eleven programmes of Amsterdam's area work; ``monitor import programmas FILE`` stores
another list in the database (setting ``budget_programmes``), so every worker uses it.

**Totals up the hierarchy.** A line belongs to one area of any level. The total of an
area is the sum of its own lines and those of every area beneath it (found through the
parent code columns of ``areas``), so a wijk's total equals the sum of its buurten plus
any line booked on the wijk itself. Realised amounts that are missing (not yet
accounted for) are left out of sums; a sum of nothing is missing, not zero.

**Per inhabitant** divides by the population indicator of the area in the budget year
(or the latest year before it; else the first after): the catalogue's population
indicator (``bev_totaal`` for Voorbeeldstad, ``BEVTOTAAL`` for the BBGA) unless the
programme list names another. Higher levels without their own population get the sum
of their buurten, as the catalogue's aggregation says.

**The Buurtbegroting page** (``layouts/begroting.py``) gets its rows from here:
:func:`arrange` orders the areas and builds the budget beside them, and
:func:`export_frames` gives the exports, whose CSV ends with the not-split, subtotal and
total rows (each named in the first column) so that no money goes missing in a sum.
"""

from __future__ import annotations

import difflib
import io
import json
import re
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from monitor.blocks import sort_codes
from monitor.blocks import table_csv as blocks_csv
from monitor.config import PROJECT_ROOT
from monitor.errors import MonitorError
from monitor.export import safe_frame
from monitor.ingest.parse import normalise
from monitor.ingest.validate import (
    Collector,
    Problem,
    Report,
    area_ids,
    parse_numbers,
    uses_comma_decimals,
)
from monitor.messages import t
from monitor.numbers import format_number
from monitor.store import LEVELS, PARENT_COLUMNS, Store

#: The default programme list (Amsterdam's eleven programmes of area work).
DEFAULT_PROGRAMMES = PROJECT_ROOT / "indicators" / "programmas.toml"
#: Setting that holds a programme list loaded with ``monitor import programmas``.
PROGRAMMES_SETTING = "budget_programmes"
#: Budget years outside this range are typing errors.
YEAR_RANGE = (1990, 2100)
#: Column widths in the store: longer text is refused, never cut.
MAX_DESCRIPTION, MAX_SOURCE = 500, 300
#: Key of the "all programmes" column in totals.
TOTAL = "__totaal__"
MEASURES = ("planned", "realised")


# -- programmes ------------------------------------------------------------------------


@dataclass(frozen=True)
class Programme:
    """One budget programme; ``name`` (Dutch) is what budget lines store."""

    name: str
    label_en: str | None = None
    aliases: tuple[str, ...] = ()

    def label(self, lang: str = "nl") -> str:
        return self.label_en if lang == "en" and self.label_en else self.name


@dataclass(frozen=True)
class Programmes:
    """The configured programme list, in display order."""

    key: str
    programmes: tuple[Programme, ...]
    population_indicator: str | None = None
    _lookup: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        lookup = self._lookup
        for prog in self.programmes:
            for text in (prog.name, prog.label_en, *prog.aliases):
                if text:
                    lookup.setdefault(normalise(text), prog.name)

    @property
    def names(self) -> list[str]:
        return [p.name for p in self.programmes]

    def match(self, text: str) -> str | None:
        """The programme a file's cell means (case, accents and spaces ignored), or None."""
        return self._lookup.get(normalise(text))

    def get(self, name: str) -> Programme | None:
        return next((p for p in self.programmes if p.name == name), None)

    def label(self, name: str, lang: str = "nl") -> str:
        prog = self.get(name)
        return prog.label(lang) if prog else name

    def order(self, names: list[str]) -> list[str]:
        """``names`` in configuration order; programmes no longer configured go last."""
        known = {n: i for i, n in enumerate(self.names)}
        return sorted(set(names), key=lambda n: (known.get(n, len(known)), n))

    def to_json(self) -> str:
        return json.dumps(
            {
                "key": self.key,
                "population_indicator": self.population_indicator,
                "programmes": [
                    {"nl": p.name, "en": p.label_en, "aliases": list(p.aliases)}
                    for p in self.programmes
                ],
            },
            ensure_ascii=False,
        )


def _programmes(data: Mapping[str, Any], source: str) -> Programmes:
    meta = data.get("programmes", {})
    if not isinstance(meta, dict):
        raise MonitorError(f"{source}: [programmes] moet een tabel zijn.")
    entries = data.get("programme", [])
    if not isinstance(entries, list) or not entries:
        raise MonitorError(f"{source}: geen [[programme]] gevonden; noem minstens één programma.")
    found: list[Programme] = []
    seen: dict[str, str] = {}
    for i, entry in enumerate(entries, start=1):
        where = f"{source}, programma {i}"
        if not isinstance(entry, dict):
            raise MonitorError(f'{where}: verwacht name = {{ nl = "...", en = "..." }}.')
        unknown = set(entry) - {"name", "aliases"}
        if unknown:
            raise MonitorError(f"{where}: onbekende velden {', '.join(sorted(unknown))}.")
        name = entry.get("name")
        if isinstance(name, str):
            name = {"nl": name}
        if not isinstance(name, dict) or not str(name.get("nl") or "").strip():
            raise MonitorError(f"{where}: 'name' met een Nederlandse naam (nl) ontbreekt.")
        nl = str(name["nl"]).strip()
        if len(nl) > 120:
            raise MonitorError(f"{where}: de naam '{nl[:40]}…' is langer dan 120 tekens.")
        aliases = entry.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise MonitorError(f"{where}: 'aliases' moet een lijst met namen zijn.")
        for text in (nl, *aliases):
            key = normalise(text)
            if key in seen and seen[key] != nl:
                raise MonitorError(
                    f"{where}: '{text}' hoort al bij programma '{seen[key]}'; "
                    "een naam mag maar naar één programma wijzen."
                )
            seen[key] = nl
        en = name.get("en")
        found.append(Programme(nl, str(en).strip() if en else None, tuple(aliases)))
    if len({p.name for p in found}) != len(found):
        raise MonitorError(f"{source}: een programma staat twee keer in de lijst.")
    population = meta.get("population_indicator")
    return Programmes(
        str(meta.get("key") or "programmas"),
        tuple(found),
        str(population) if population else None,
    )


def load_programmes_file(path: str | Path = DEFAULT_PROGRAMMES) -> Programmes:
    """Read a programme list (format: see ``indicators/programmas.toml``)."""
    path = Path(path)
    if not path.is_file():
        raise MonitorError(f"Bestand '{path}' bestaat niet.")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise MonitorError(f"{path.name}: geen geldige TOML ({exc}).") from exc
    return _programmes(data, path.name)


def save_programmes(store: Store, programmes: Programmes, actor: str) -> None:
    """Keep a programme list in the database: every worker and the CLI then use it. The
    list decides which budget lines pass, so the change is audited, in one transaction."""
    from monitor import audit

    with store.begin() as conn:
        store.set_setting(PROGRAMMES_SETTING, programmes.to_json(), conn=conn)
        audit.record(
            store,
            actor,
            "config.programmes",
            f"instelling {PROGRAMMES_SETTING}",
            {"sleutel": programmes.key, "programmas": programmes.names},
            conn=conn,
        )


def load_programmes(store: Store) -> Programmes:
    """The store's programme list, else the default file."""
    text = store.get_setting(PROGRAMMES_SETTING)
    if not text:
        return load_programmes_file(DEFAULT_PROGRAMMES)
    data = json.loads(text)
    return _programmes(
        {
            "programmes": {
                "key": data.get("key"),
                "population_indicator": data.get("population_indicator"),
            },
            "programme": [
                {"name": {"nl": p["nl"], "en": p.get("en")}, "aliases": p.get("aliases", [])}
                for p in data.get("programmes", [])
            ],
        },
        "instelling budget_programmes",
    )


def population_indicator(store: Store, programmes: Programmes | None = None) -> str | None:
    """The indicator that counts inhabitants for amounts per inhabitant."""
    programmes = programmes or load_programmes(store)
    return programmes.population_indicator or store.get_setting("population_indicator")


# -- validation ------------------------------------------------------------------------

#: Canonical budget columns; the parser (``monitor.ingest.budget``) fills the absent
#: optional ones with empty text and lists what it did not find.
REQUIRED = ("gebiedcode", "jaar", "programma", "begroot")
OPTIONAL = ("omschrijving", "gerealiseerd", "bron", "opmerking")
COLUMNS = (*REQUIRED, *OPTIONAL)
#: A Dutch amount with thousands dots and no decimals, such as ``1.250`` or ``€ 12.500``.
_THOUSANDS = r"-?(€\s*)?\d{1,3}(\.\d{3})+"


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
    :data:`COLUMNS`. A file with any error publishes nothing (``Report.ok``).
    """
    division_id = division_id if division_id is not None else store.division_id()
    programmes = programmes or load_programmes(store)
    col = Collector()
    out = pd.DataFrame(
        columns=[
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
    )
    problems: list[Problem] = []
    for name in missing_columns or []:
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
    for name in unknown_columns or []:
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
    if missing_columns:
        return Report(problems, out, {}, list(skipped or []))
    frame = frame.copy()

    # Areas: own codes, aliases (CBS codes…), any case.
    codes = frame["gebiedcode"].astype(str).str.strip()
    frame["area_id"] = area_ids(store, division_id, frame, codes, col)
    unknown = frame["area_id"].isna()

    # Years: whole numbers in a plausible range.
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
    bad_year = not_int | out_of_range
    frame["year"] = years

    # Programmes: from the configured list, with the closest name as a suggestion.
    prog_text = frame["programma"].astype(str).str.strip()
    frame["programme"] = prog_text.map(lambda v: programmes.match(v) if v else None)
    bad_prog = frame["programme"].isna()
    names = programmes.names
    choose = f"Kies uit: {'; '.join(names)}."
    if (bad_prog & (prog_text == "")).any():
        empty = bad_prog & (prog_text == "")
        col.add("fout", frame[empty], "programma", prog_text[empty], "is leeg", choose)
    if (bad_prog & (prog_text != "")).any():
        unknown_prog = bad_prog & (prog_text != "")

        def suggest(value: str) -> str:
            match = closest_programme(value, programmes)
            return f"Bedoelt u '{match}'?" if match else choose

        col.add(
            "fout",
            frame[unknown_prog],
            "programma",
            prog_text[unknown_prog],
            "is geen bekend programma",
            suggest,
        )

    # Amounts: planned is required and never negative; realised may be empty, and
    # negative only as a correction explained in 'opmerking'.
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
    # Text lengths: refused, never cut.
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

    # Duplicate lines: the same area, year, programme and description twice. The key
    # holds what will be stored (area id, the year as a number), not the text as typed:
    # "2024" and "2024.0" are one year to the database's unique index.
    key = pd.DataFrame(
        {
            "area": frame["area_id"]
            .astype("float64")
            .astype(str)
            .where(frame["area_id"].notna(), codes.str.casefold()),
            "year": years.astype(str).where(years.notna(), year_text),
            "programme": frame["programme"].fillna(prog_text.str.casefold()),
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

    # Warnings: realised far above planned.
    over = realised.notna() & planned.notna() & (realised > 2 * planned) & (planned >= 0)
    over &= realised > 1000
    if over.any():
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

    valid = ~(
        unknown
        | bad_year
        | bad_prog
        | ~planned_ok
        | planned_empty
        | planned_negative
        | ~realised_ok
        | unexplained
        | too_long
        | dup
    )
    clean = frame[valid]
    out = pd.DataFrame(
        {
            "row": clean["row"].astype("int64"),
            "area_id": clean["area_id"].astype("int64"),
            "year": clean["year"].astype("int64"),
            "programme": clean["programme"].astype(str),
            "description": description[valid],
            "planned": planned[valid].astype("float64"),
            "realised": realised[valid].astype("float64"),
            "source": source[valid].replace("", None),
            "note": note[valid].replace("", None),
        }
    ).reset_index(drop=True)
    problems += col.problems
    problems.sort(key=lambda p: (p.severity != "fout", p.row or 0))
    return Report(problems, out, col.counts, list(skipped or []))


# -- totals up the hierarchy ------------------------------------------------------------


def lines(store: Store, division_id: int, year: int | None = None) -> pd.DataFrame:
    """Current budget lines of a division (one year, or all), with area code and level."""
    return store.budget_frame(division_id, None if year is None else [int(year)])


def hierarchy_totals(lines: pd.DataFrame, areas: pd.DataFrame, level: str) -> pd.DataFrame:
    """Per area of ``level`` and programme: planned and realised over the area's own
    lines and those of all areas beneath it, plus a :data:`TOTAL` row per area.

    ``areas`` is the division's full area table (all levels, parent code columns).
    Columns: code, programme, planned, realised, lines. Realised is missing when none
    of the summed lines has a realised amount.
    """
    columns = ["code", "programme", "planned", "realised", "lines"]
    if lines.empty:
        return pd.DataFrame(columns=columns)
    rank = {lvl: i for i, lvl in enumerate(LEVELS)}
    parent = PARENT_COLUMNS.get(level)
    info = areas.set_index("id")
    joined = lines.assign(
        line_level=lines["area_id"].map(info["level"]),
        own_code=lines["area_id"].map(info["code"]),
    )
    target = joined["own_code"].where(joined["line_level"] == level)
    if parent is not None:
        below = joined["line_level"].map(rank) < rank[level]
        target = target.where(~below, joined["area_id"].map(info[parent]))
    joined = joined.assign(code=target).dropna(subset=["code"])

    def sums(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
        grouped = frame.groupby(keys, sort=True)
        out = grouped[["planned", "realised"]].sum(min_count=1)
        out["lines"] = grouped.size()
        return out.reset_index()

    per_programme = sums(joined, ["code", "programme"])
    total = sums(joined, ["code"]).assign(programme=TOTAL)
    return pd.concat([per_programme, total], ignore_index=True)[columns]


def population(
    store: Store, division_id: int, level: str, year: int, indicator_id: str | None
) -> tuple[pd.Series, int | None]:
    """code → inhabitants of the areas of ``level`` in ``year`` (or the nearest earlier
    year, else the first later one), and the year used."""
    from monitor.aggregation import level_values
    from monitor.catalog import load_from_store

    empty = pd.Series(dtype="float64")
    if not indicator_id:
        return empty, None
    indicator = load_from_store(store).get(indicator_id)
    if indicator is None:
        return empty, None
    available = store.periods(division_id, indicator_id)
    earlier = [p for p in available if p <= year]
    used = max(earlier) if earlier else (min(available) if available else None)
    if used is None:
        return empty, None
    frame = level_values(store, division_id, indicator, [used], level)
    frame = frame[frame["value"].notna() & frame["flag"].isna()]
    return frame.set_index("code")["value"].astype("float64"), used


@dataclass
class BudgetTable:
    """Budget columns for the Buurtbegroting, in display order.

    ``rows``: kind (``gebied``, ``niet_verdeeld``, ``subtotaal``, ``totaal``), code,
    naam, parent (the group's code), inwoners. ``planned`` and ``realised``: the same
    index, one column per programme plus :data:`TOTAL` (all programmes), in euros.
    """

    rows: pd.DataFrame
    planned: pd.DataFrame
    realised: pd.DataFrame
    year: int | None
    programmes: list[str]
    population_indicator: str | None = None
    population_year: int | None = None
    group_level: str | None = None
    total_code: str | None = None
    level: str | None = None  # of the area rows

    def amounts(self, measure: str, per_inhabitant: bool = False) -> pd.DataFrame:
        frame = self.planned if measure == "planned" else self.realised
        if not per_inhabitant:
            return frame
        people = self.rows["inwoners"].where(self.rows["inwoners"] > 0)
        return frame.div(people, axis=0)


def group_level(level: str) -> str | None:
    """The level whose subtotals split a table of ``level`` (buurt → wijk, …); the
    stadsdeel table has only the city total."""
    index = LEVELS.index(level)
    return LEVELS[index + 1] if index + 1 < len(LEVELS) - 1 else None


def budget_table(
    store: Store,
    division_id: int,
    year: int | None,
    level: str,
    codes: list[str],
    *,
    within: str | None = None,
    grouped: bool = True,
    programmes: list[str] | None = None,
    config: Programmes | None = None,
) -> BudgetTable:
    """The budget beside the areas ``codes`` (of ``level``, in that order).

    ``grouped``: the stadsdeel view of Oost's buurtbegroting: the areas per parent
    (buurten per wijk) with a subtotal row after each group. Either way a total row
    for ``within`` (a stadsdeel or gebied code; the whole city when None) closes the
    table. Money booked above the shown level (a line for the whole wijk) gets its own
    ``niet_verdeeld`` row just before the subtotal it belongs to, so every subtotal is
    the sum of the rows above it.
    """
    config = config or load_programmes(store)
    all_areas = store.areas_frame(division_id)
    found = lines(store, division_id, year) if year is not None else pd.DataFrame()
    if programmes is None:
        programmes = config.order(list(found["programme"].unique())) if not found.empty else []
    parent_level = group_level(level) if grouped else None
    if within:
        hit = all_areas[all_areas["code"] == within]
        total_level = hit["level"].iloc[0] if not hit.empty else "gemeente"
        total_code = within if not hit.empty else None
    else:
        total_level, total_code = "gemeente", None
    if total_code is None:
        gemeente = all_areas[all_areas["level"] == "gemeente"]
        total_code = gemeente["code"].iloc[0] if not gemeente.empty else None
    if parent_level is not None and LEVELS.index(parent_level) >= LEVELS.index(total_level):
        parent_level = None  # grouping by the total's own level would repeat the total
    names = all_areas.set_index("code")["name"]
    level_areas = all_areas[all_areas["level"] == level].set_index("code")

    columns = [*programmes, TOTAL]

    def wide(lvl: str) -> tuple[pd.DataFrame, pd.DataFrame]:
        sums = hierarchy_totals(found, all_areas, lvl) if not found.empty else pd.DataFrame()
        if sums.empty:
            empty = pd.DataFrame(columns=columns, dtype="float64")
            return empty, empty
        return tuple(
            sums.pivot(index="code", columns="programme", values=m).reindex(columns=columns)
            for m in MEASURES
        )  # type: ignore[return-value]

    pop_id = population_indicator(store, config)
    plan_level, real_level = wide(level)
    rows: list[dict[str, Any]] = []
    planned_rows: list[pd.Series] = []
    realised_rows: list[pd.Series] = []
    pop_year = None
    people: dict[str, pd.Series] = {}

    def inhabitants(lvl: str, code: str | None) -> float:
        nonlocal pop_year
        if year is None or code is None:
            return np.nan
        if lvl not in people:
            people[lvl], used = population(store, division_id, lvl, year, pop_id)
            pop_year = pop_year or used
        return float(people[lvl].get(code, np.nan))

    def add(
        kind: str,
        code: str | None,
        name: str,
        parent: str | None,
        lvl: str,
        plan: pd.Series,
        real: pd.Series,
    ) -> None:
        rows.append(
            {
                "kind": kind,
                "code": code,
                "naam": name,
                "parent": parent,
                # Money booked above the rows counts per inhabitant of the area it is
                # booked within (the wijk, or the total's area).
                "inwoners": inhabitants(lvl, code),
            }
        )
        planned_rows.append(plan.reindex(columns).astype("float64"))
        realised_rows.append(real.reindex(columns).astype("float64"))

    def of(frame: pd.DataFrame, code: str | None) -> pd.Series:
        if code is not None and code in frame.index:
            return frame.loc[code]
        return pd.Series(np.nan, index=columns)

    def rest(total: tuple[pd.Series, pd.Series], parts: list[tuple[pd.Series, pd.Series]]):
        """What ``total`` has beyond the sum of ``parts`` (lines booked higher up)."""
        out = []
        for i in range(2):
            summed = sum((p[i].fillna(0) for p in parts), pd.Series(0.0, index=columns))
            out.append(total[i].fillna(0) - summed)
        if all((part.abs() < 0.005).all() for part in out):
            return None
        return tuple(s.where(s.abs() >= 0.005) for s in out)

    def close(
        kind: str,
        code: str,
        parent: str | None,
        lvl: str,
        pair: tuple[pd.Series, pd.Series],
        parts: list[tuple[pd.Series, pd.Series]],
    ) -> None:
        """A subtotal or total row, after a not-split row for what ``parts`` lack."""
        name = str(names.get(code, code))
        extra = rest(pair, parts)
        if extra is not None:
            add("niet_verdeeld", code, name, parent, lvl, *extra)
        add(kind, code, name, parent, lvl, *pair)

    # Area rows, grouped by parent when asked, each group closed by its subtotal.
    groups: list[tuple[str | None, list[str]]] = []
    if parent_level is not None:
        parent_col = PARENT_COLUMNS[parent_level]
        for code in codes:
            parent = level_areas[parent_col].get(code) if code in level_areas.index else None
            parent = None if pd.isna(parent) else parent
            if groups and groups[-1][0] == parent:
                groups[-1][1].append(code)
            else:
                groups.append((parent, [code]))
    else:
        groups = [(None, list(codes))]
    plan_parent, real_parent = wide(parent_level) if parent_level else (None, None)
    plan_total, real_total = wide(total_level)
    closing: list[tuple[pd.Series, pd.Series]] = []
    for parent, members in groups:
        shown = []
        for code in members:
            pair = (of(plan_level, code), of(real_level, code))
            add("gebied", code, str(names.get(code, "")), parent, level, *pair)
            shown.append(pair)
        if parent_level is None or parent is None:
            closing += shown
            continue
        subtotal = (of(plan_parent, parent), of(real_parent, parent))
        close("subtotaal", parent, parent, parent_level, subtotal, shown)
        closing.append(subtotal)
    if total_code is not None:
        total = (of(plan_total, total_code), of(real_total, total_code))
        close("totaal", total_code, None, total_level, total, closing)
    frame = pd.DataFrame(rows, columns=["kind", "code", "naam", "parent", "inwoners"])
    planned = pd.DataFrame(planned_rows, columns=columns).reset_index(drop=True)
    realised = pd.DataFrame(realised_rows, columns=columns).reset_index(drop=True)
    return BudgetTable(
        frame.reset_index(drop=True),
        planned,
        realised,
        year,
        programmes,
        pop_id,
        pop_year,
        parent_level,
        total_code,
        level,
    )


def export_columns(table: BudgetTable, config: Programmes, lang: str = "nl") -> pd.DataFrame:
    """Budget columns for an export, one row per row of ``table``: inhabitants, then per
    programme and for all programmes, planned and realised in euros and per inhabitant.
    Amounts stay numbers (two decimals)."""
    year = table.population_year if table.population_year is not None else ""
    out: dict[str, Any] = {
        t("begroting.inhabitants", lang, year=year).strip(): table.rows["inwoners"].tolist()
    }
    each = t("begroting.per_inhabitant", lang)
    for prog in [TOTAL, *table.programmes]:
        name = t("begroting.all_programmes", lang) if prog == TOTAL else config.label(prog, lang)
        for measure in MEASURES:
            word = t(f"begroting.{measure}", lang)
            euros = table.amounts(measure)[prog].round(2)
            per = table.amounts(measure, per_inhabitant=True)[prog].round(2)
            out[f"{name} – {word} (€)"] = euros.tolist()
            out[f"{name} – {word} (€ {each})"] = per.tolist()
    return pd.DataFrame(out)


def row_kinds(table: BudgetTable, lang: str = "nl") -> list[str]:
    """What each row of ``table`` is, in words, for exports: the level of its areas
    ("buurt"), "subtotaal wijk", "niet verdeeld" or "totaal"."""

    def level_word(level: str | None) -> str:
        return t(f"level.{level}", lang).lower() if level else ""

    out = []
    for kind in table.rows["kind"]:
        if kind == "gebied":
            out.append(level_word(table.level))
        elif kind == "subtotaal":
            subtotal = level_word(table.group_level)
            out.append(t("begroting.kind_subtotaal_level", lang, level=subtotal))
        else:
            out.append(t(f"begroting.kind_{kind}", lang))
    return out


def totals_frame(table: BudgetTable, config: Programmes, lang: str = "nl") -> pd.DataFrame:
    """The subtotal, total and not-split rows of ``table`` with their budget columns."""
    keep = (table.rows["kind"] != "gebied").to_numpy()
    rows = table.rows[keep]
    head = pd.DataFrame(
        {
            t("begroting.kind", lang): [
                k for k, kept in zip(row_kinds(table, lang), keep, strict=True) if kept
            ],
            t("col.code", lang): rows["code"].tolist(),
            t("col.naam", lang): rows["naam"].tolist(),
        }
    )
    budget = export_columns(table, config, lang)[keep].reset_index(drop=True)
    return pd.concat([head, budget], axis=1)


def export_frames(
    indicators: pd.DataFrame,
    table: BudgetTable,
    ordered: list[str],
    config: Programmes,
    lang: str = "nl",
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The Buurtbegroting's export as (areas, totals).

    ``indicators`` is :func:`monitor.blocks.table_frame` of the areas ``ordered`` (its
    first row is NAP). The areas frame gets a first column saying what each row is and
    the budget columns beside the indicators; the totals frame holds the subtotal, total
    and not-split rows (:func:`totals_frame`) under the same column names.
    """
    columns = export_columns(table, config, lang)
    is_area = (table.rows["kind"] == "gebied").to_numpy()
    areas = columns[is_area].set_axis(table.rows.loc[is_area, "code"])
    areas = areas.reindex(ordered).reset_index(drop=True)
    nap = pd.DataFrame([[None] * len(areas.columns)], columns=areas.columns)
    main = pd.concat([indicators, pd.concat([nap, areas], ignore_index=True)], axis=1)
    area_kind = row_kinds(table, lang)[int(is_area.argmax())] if is_area.any() else ""
    main.insert(0, t("begroting.kind", lang), ["NAP", *[area_kind] * len(ordered)])
    return main, totals_frame(table, config, lang)


def table_csv(main: pd.DataFrame, totals: pd.DataFrame) -> str:
    """The Buurtbegroting as CSV: the areas, then the not-split, subtotal and total rows
    (their kind in the first column), so a column summed in a spreadsheet misses no money
    booked above the shown level."""
    return blocks_csv(pd.concat([main, totals], ignore_index=True))


def table_xlsx(main: pd.DataFrame, totals: pd.DataFrame, lang: str = "nl") -> bytes:
    """The Buurtbegroting as Excel: the table, and a sheet with subtotals and totals (so
    the table stays sortable). Text cells are neutralised against formulas."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe_frame(main).to_excel(writer, index=False, sheet_name="buurtbegroting")
        safe_frame(totals).to_excel(
            writer, index=False, sheet_name=t("begroting.sheet_totals", lang)[:31]
        )
    return buffer.getvalue()


def slug(name: str) -> str:
    """A programme name as a URL- and id-safe word: "Werk, inkomen en economie" →
    "werk-inkomen-en-economie" (names may hold commas, which URL lists use)."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


# -- the Buurtbegroting page: which budget, in which order ------------------------------


def chosen_table(
    store: Store,
    year: int | None,
    level: str,
    codes: list[str],
    within: str | None,
    chosen: list[str] | None,
    grouped: bool,
) -> tuple[BudgetTable | None, Programmes]:
    """The budget beside ``codes`` (None without a budget year); ``chosen`` programme
    slugs limit the programme columns (none: every programme with lines that year)."""
    config = load_programmes(store)
    if not year:
        return None, config
    division_id = store.division_id()
    programmes = None
    if chosen:
        present = store.budget_frame(division_id, [int(year)])["programme"].unique()
        by_slug = {slug(p): p for p in config.order(list(present))}
        programmes = [by_slug[s] for s in chosen if s in by_slug]
    table = budget_table(
        store,
        division_id,
        int(year),
        level,
        codes,
        within=within,
        grouped=grouped,
        programmes=programmes,
        config=config,
    )
    return table, config


def order_codes(
    scores: pd.DataFrame,
    codes: list[str],
    sort: dict[str, Any] | None,
    flat: BudgetTable | None = None,
    per_inhabitant: bool = True,
) -> list[str]:
    """Area codes in the chosen order: code, name, an indicator or a budget column
    (``budget:inwoners`` or ``budget:<programme slug or totaal>:<measure>``; ``flat`` is
    the ungrouped budget of ``codes``). No value sorts last."""
    sort = sort or {}
    col = sort.get("col") or "code"
    desc = bool(sort.get("desc"))
    wanted = set(codes)
    if col.startswith("budget:") and flat is not None:
        areas = flat.rows["kind"] == "gebied"
        if col == "budget:inwoners":
            values = flat.rows["inwoners"]
        else:
            _, key, measure = [*col.split(":"), "", ""][:3]
            by_slug = {slug(p): p for p in flat.programmes} | {"totaal": TOTAL}
            if key not in by_slug or measure not in MEASURES:
                return order_codes(scores, codes, {"col": "code"})
            values = flat.amounts(measure, per_inhabitant=per_inhabitant)[by_slug[key]]
        frame = pd.DataFrame({"code": flat.rows["code"], "value": values})[areas]
        frame = frame.sort_values(["value", "code"], ascending=[not desc, True], na_position="last")
        return [c for c in frame["code"] if c in wanted]
    if col not in ("code", "naam") and col not in set(scores["indicator"]):
        col = "code"
    return [c for c in sort_codes(scores, col, desc) if c in wanted]


def arrange(
    store: Store,
    scores: pd.DataFrame,
    codes: list[str],
    sort: dict[str, Any] | None,
    budget_year: int | None,
    level: str,
    within: str | None,
    chosen: list[str] | None,
    per_inhabitant: bool = True,
) -> tuple[list[str], BudgetTable | None, Programmes]:
    """Row order and budget of the Buurtbegroting: in code order the areas are grouped
    per parent with subtotals (as Oost's buurtbegroting); sorted on any other column they
    are flat, still closed by the total."""
    sort = sort or {}
    col = sort.get("col") or "code"
    flat = None
    if col.startswith("budget:"):
        flat, _ = chosen_table(store, budget_year, level, codes, within, chosen, grouped=False)
    ordered = order_codes(scores, codes, sort, flat, per_inhabitant)
    grouped = col == "code"
    budget, config = chosen_table(store, budget_year, level, ordered, within, chosen, grouped)
    return ordered, budget, config


def area_summary(
    store: Store, division_id: int, code: str, lang: str = "nl", year: int | None = None
) -> pd.DataFrame | None:
    """One area's budget in a few rows (for the printable gebiedsanalyse): per programme
    planned, realised and planned per inhabitant in the latest budget year (or ``year``),
    over the area's own lines and those beneath it; the last row is all programmes.

    The amounts stay numbers; ``frame.attrs["formats"]`` says how each amount column
    prints (unit and decimals, see :func:`monitor.report.budget_cell`), so no reader has
    to guess it from the column's name."""
    years = store.budget_years(division_id)
    if not years:
        return None
    year = year if year is not None else years[-1]
    areas = store.areas_frame(division_id)
    hit = areas[areas["code"] == code]
    if hit.empty:
        return None
    level = str(hit["level"].iloc[0])
    config = load_programmes(store)
    table = budget_table(
        store, division_id, year, level, [code], within=code, grouped=False, config=config
    )
    own = table.rows.index[(table.rows["kind"] == "gebied")][0]
    planned, realised = table.planned.loc[own], table.realised.loc[own]
    each = table.amounts("planned", per_inhabitant=True).loc[own]
    programmes = [p for p in table.programmes if pd.notna(planned[p]) or pd.notna(realised[p])]
    if not programmes:
        return None
    names = [*(config.label(p, lang) for p in programmes), t("begroting.all_programmes", lang)]
    keys = [*programmes, TOTAL]
    planned_col, realised_col = t("summary.planned", lang), t("summary.realised", lang)
    each_col = t("summary.planned_each", lang)
    frame = pd.DataFrame(
        {
            t("summary.programme", lang, year=year): names,
            planned_col: [planned[k] for k in keys],
            realised_col: [realised[k] for k in keys],
            each_col: [round(float(each[k]), 2) for k in keys],
        }
    )
    # As /begroting shows them: euros whole, euros per inhabitant in cents.
    frame.attrs["formats"] = {planned_col: ("€", 0), realised_col: ("€", 0), each_col: ("€", 2)}
    return frame
