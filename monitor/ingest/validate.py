"""Validate parsed meetingen against the store: a Dutch report, one line per problem.

Errors block publishing; warnings do not. Every problem names the row and column as the
analyst sees them in the file, the value, what is wrong and what to do. All checks are
vectorised: a million rows validate in seconds.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

import pandas as pd

from monitor import catalog
from monitor.areas import resolve_codes
from monitor.channel import hint
from monitor.ingest.parse import Parsed
from monitor.messages import t
from monitor.store import Store

#: Missing-value markers and what they mean.
MISSING = {"": "leeg", ".": "leeg", "?": "leeg", "-": "leeg", "x": "onderdrukt", "*": "onderdrukt"}
#: Plausible ranges per unit: a percentage above 100 is a mistake, not an outlier.
UNIT_RANGES = {"%": (0.0, 100.0), "rapportcijfer": (1.0, 10.0)}
MAX_LISTED = 200  # problems of one kind listed one by one; the rest are counted


@dataclass
class Problem:
    """One line of the validation report."""

    severity: str  # "fout" blocks publishing, "waarschuwing" does not
    row: int | None
    column: str | None
    value: str | None
    message: str
    suggestion: str | None = None

    def text(self) -> str:
        where = ", ".join(
            p
            for p in (
                f"rij {self.row}" if self.row else None,
                f"kolom '{self.column}'" if self.column else None,
            )
            if p
        )
        value = f" '{_shorten(self.value)}'" if self.value not in (None, "") else ""
        hint = f" {self.suggestion}" if self.suggestion else ""
        prefix = "Fout" if self.severity == "fout" else "Waarschuwing"
        return f"{prefix}: {where}{':' if where else ''}{value} {self.message}.{hint}".replace(
            " .", "."
        )


@dataclass
class Report:
    """Validation result: problems plus the rows ready for the store."""

    problems: list[Problem]
    frame: (
        pd.DataFrame
    )  # area_id, indicator_id, period, value, n, peildatum, source, note, flag, row
    counts: dict[str, int] = field(default_factory=dict)  # problems per kind, all of them
    skipped: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "fout"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "waarschuwing"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def lines(self) -> list[str]:
        out = [p.text() for p in self.problems]
        listed: dict[str, int] = {}
        for p in self.problems:
            listed[p.message] = listed.get(p.message, 0) + 1
        for message, total in self.counts.items():
            if total > listed.get(message, 0):
                out.append(f"… en nog {total - listed.get(message, 0)} keer: {message}.")
        return out


def _shorten(value: str | None, limit: int = 60) -> str:
    text = str(value).replace("\n", " ").replace("\r", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Collector:
    """Gathers problems; lists the first ``MAX_LISTED`` of each kind, counts all."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.counts: dict[str, int] = {}

    def add(
        self,
        severity: str,
        rows: pd.DataFrame,
        column: str,
        values: pd.Series,
        message: str,
        suggest=None,
    ) -> None:
        """Problems for ``rows``; ``suggest`` is one hint for all, a function of the
        value, or a list with a hint per row."""
        self.counts[message] = self.counts.get(message, 0) + len(rows)
        hints = suggest if isinstance(suggest, list) else None
        listed = list(zip(rows.iterrows(), values, strict=True))[:MAX_LISTED]
        for i, ((_, r), v) in enumerate(listed):
            hint = hints[i] if hints is not None else suggest(v) if callable(suggest) else suggest
            self.problems.append(Problem(severity, int(r["row"]), column, str(v), message, hint))


def parse_numbers(cells: pd.Series, comma_decimal: bool) -> tuple[pd.Series, pd.Series]:
    """Text → float. Returns (values, ok). Missing markers give NaN with ok=True.

    Accepts decimal commas, thousands separators (``1.250,5``, ``1 250``), and a unit
    sign stuck to the number (``8,4%``, ``€ 1.250``).
    """
    text = cells.astype(str).str.strip()
    missing = text.str.lower().isin(MISSING)
    # Fast path for plain numbers ("8,4" or "8.4"); everything else is cleaned below.
    if comma_decimal:
        plain = ~text.str.contains(".", regex=False)
        simple = text.str.replace(",", ".", regex=False)
    else:
        plain = ~text.str.contains(",", regex=False)
        simple = text
    values = pd.to_numeric(simple.where(plain & ~missing), errors="coerce")
    rest = ~missing & values.isna()
    if rest.any():
        cleaned = (
            text[rest]
            .str.replace(r"^€\s*|\s*%$", "", regex=True)
            .str.replace(r"(?<=\d)[\s\u00a0](?=\d{3})", "", regex=True)
        )
        if comma_decimal:
            cleaned = cleaned.str.replace(r"\.(?=\d{3}(?!\d))", "", regex=True)
            cleaned = cleaned.str.replace(",", ".", regex=False)
        else:
            cleaned = cleaned.str.replace(",", "", regex=False)
        values[rest] = pd.to_numeric(cleaned, errors="coerce")
    values = values.mask(values.abs() == float("inf"))  # "inf", "1e999": not a measurement
    ok = missing | values.notna()
    return values.astype("float64"), ok


def uses_comma_decimals(cells: pd.Series) -> bool:
    """A file uses decimal commas when any value has a comma followed by 1–2 or 4+ digits,
    or comma-last notation like ``1.250,5``; then dots are thousands separators."""
    sample = cells.astype(str)
    return bool(
        sample.str.contains(r"\d,\d{1,2}$|\d,\d{4,}$|\.\d{3},\d", regex=True).any()
        or (
            sample.str.contains(",", regex=False).any()
            and not sample.str.contains(".", regex=False).any()
        )
    )


def closest(value: str, candidates: list[str]) -> str | None:
    """A suggestion for a mistyped code or name: "Bedoelt u '…'?", or None."""
    match = difflib.get_close_matches(str(value), candidates, n=1, cutoff=0.6)
    return f"Bedoelt u '{match[0]}'?" if match else None


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
    ids = resolve_codes(store, division_id, codes.unique())
    if city_code is not None and city_code not in ids:
        city = store.areas_frame(division_id, "gemeente")
        if not city.empty:
            ids[city_code] = int(city["id"].iloc[0])
    found = codes.map(ids)
    unknown = found.isna()
    if unknown.any():
        col.add(
            "fout",
            frame[unknown],
            "gebiedcode",
            codes[unknown],
            "onbekende gebiedscode",
            AreaHints(store.areas_frame(division_id)).suggest,
        )
    return found


def fold(text: str) -> str:
    """Text compared without accents, case or extra spaces: 'Café  de Wérf' = 'cafe de werf'."""
    plain = unicodedata.normalize("NFKD", str(text))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


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

    def suggest(self, value: str) -> str | None:
        key = fold(value)
        if key in self.names:
            return self._name(key)
        near = closest(value, self.codes)
        if near:
            return near
        first = key.split(" ", 1)[0]
        if " " in key and first in self.folded_codes:
            return code_hint(value)  # "A00a Kop Zeedijk": a code with its name
        loose = difflib.get_close_matches(key, list(self.names), n=1, cutoff=0.8)
        return self._name(loose[0]) if loose else code_hint(value)

    def _name(self, key: str) -> str:
        code, name = self.names[key]
        return t("hint.name_for_code", "nl", code=code, name=name)


def validate(
    store: Store, parsed: Parsed, division_id: int | None = None, history: bool = True
) -> Report:
    """Check every row; return the problems and the typed rows that passed."""
    division_id = division_id if division_id is not None else store.division_id()
    frame = parsed.frame.copy()
    col = Collector()
    inds = catalog.load_from_store(store)

    # Areas: own codes, aliases (CBS codes…), case-insensitive; BBGA's STAD is the city.
    codes = frame["gebiedcode"].astype(str).str.strip()
    city = "STAD" if parsed.format == "bbga" else None
    frame["area_id"] = area_ids(store, division_id, frame, codes, col, city_code=city)
    unknown = frame["area_id"].isna()

    # Indicators: matched without regard to case (the report says which were mapped);
    # forecasts are skipped (never measurements), unknown ones are errors.
    ind_ids = _catalogue_case(frame["indicator"].astype(str).str.strip(), inds, col)
    frame["indicator"] = ind_ids
    forecast = ind_ids.str.contains(catalog.FORECAST_PATTERN) | ind_ids.map(
        {i: d.forecast for i, d in inds.items()}
    ).eq(True)
    skipped = list(parsed.skipped)
    if forecast.any():
        skipped.append(
            f"{int(forecast.sum())} rijen met prognoses overgeslagen: prognoses zijn geen metingen"
        )
        frame = frame[~forecast]
        codes, ind_ids = codes[~forecast], ind_ids[~forecast]
    bad_ind = ~ind_ids.isin(inds.keys())
    if bad_ind.any():
        col.add(
            "fout",
            frame[bad_ind],
            "indicator",
            ind_ids[bad_ind],
            "onbekende indicator",
            lambda v: closest(v, sorted(inds)) or hint("define_indicator"),
        )

    # Periods: whole years.
    period_text = frame["periode"].astype(str).str.strip()
    periods = pd.to_numeric(period_text, errors="coerce")
    bad_period = periods.isna() | (periods % 1 != 0) | (periods < 1900) | (periods > 2100)
    if bad_period.any():
        col.add(
            "fout",
            frame[bad_period],
            "periode",
            period_text[bad_period],
            "is geen jaartal",
            "Gebruik een jaar van vier cijfers, bv. 2024.",
        )
    frame["period"] = periods

    # Values and n.
    comma = uses_comma_decimals(frame["waarde"])
    values, ok = parse_numbers(frame["waarde"], comma)
    if (~ok).any():
        col.add(
            "fout",
            frame[~ok],
            "waarde",
            frame.loc[~ok, "waarde"],
            "is geen getal",
            "Gebruik een getal (bv. 8,4) of laat de cel leeg als er geen waarde is.",
        )
    frame["value"] = values
    lowered = frame["waarde"].astype(str).str.strip().str.lower()
    frame["flag"] = lowered.map(MISSING).where(values.isna() & ok)
    n_values, n_ok = parse_numbers(frame["n"], uses_comma_decimals(frame["n"]))
    n_bad = ~n_ok | (n_values < 0)
    if n_bad.any():
        col.add("fout", frame[n_bad], "n", frame.loc[n_bad, "n"], "is geen geldig aantal (n)")
    frame["n"] = n_values

    units = frame["indicator"].map({i: d.unit for i, d in inds.items()})
    for unit, (low, high) in UNIT_RANGES.items():
        out = (units == unit) & ((values < low) | (values > high))
        if out.any():
            label = "percentage" if unit == "%" else "rapportcijfer"
            col.add(
                "fout",
                frame[out],
                "waarde",
                frame.loc[out, "waarde"],
                f"valt buiten {low:g}–{high:g} ({label})",
                "Controleer of de kolom in de juiste eenheid staat.",
            )
    negative_count = (units == "aantal") & (values < 0)
    if negative_count.any():
        col.add(
            "fout",
            frame[negative_count],
            "waarde",
            frame.loc[negative_count, "waarde"],
            "is negatief, maar de indicator is een aantal",
        )

    # Peildatum: ISO or Dutch day-month-year.
    frame["peildatum"] = _dates(frame, col)

    # Duplicate keys within the file.
    key = ["gebiedcode_norm", "indicator", "period"]
    frame["gebiedcode_norm"] = (
        frame["area_id"]
        .fillna(-1)
        .astype("int64")
        .astype(str)
        .where(frame["area_id"].notna(), codes.str.casefold())
    )
    dup = frame.duplicated(key, keep="first") & ~bad_period
    if dup.any():
        first_rows = frame.drop_duplicates(key, keep="first").set_index(key)["row"]
        firsts = [
            int(first_rows.loc[tuple(k)]) for k in frame.loc[dup, key].itertuples(index=False)
        ]
        col.add("fout", frame[dup], "gebiedcode", codes[dup], "dubbele regel", None)
        for problem, first in zip(
            [p for p in col.problems if p.message == "dubbele regel"], firsts, strict=False
        ):
            problem.suggestion = (
                f"Dezelfde gebiedscode, indicator en periode staan al in rij {first}."
            )

    # Warnings: n below the minimum respondents; values far outside history.
    min_resp = frame["indicator"].map({i: d.min_respondents for i, d in inds.items()}).fillna(0)
    few = frame["n"].notna() & (frame["n"] < min_resp) & (min_resp > 0)
    if few.any():
        col.add(
            "waarschuwing",
            frame[few],
            "n",
            frame.loc[few, "n"].map(lambda v: f"{v:g}"),
            "is minder dan het minimum aantal respondenten; de waarde wordt 'geen gegevens'",
        )
    if history:
        _history_warnings(store, division_id, frame, col)

    valid = ~(unknown | bad_ind | bad_period | ~ok | n_bad | dup).reindex(
        frame.index, fill_value=False
    )
    for unit, (low, high) in UNIT_RANGES.items():
        valid &= ~((units == unit) & ((values < low) | (values > high)))
    valid &= ~negative_count & frame["peildatum_ok"]
    clean = frame[valid].assign(
        area_id=lambda f: f["area_id"].astype("int64"),
        indicator_id=lambda f: f["indicator"],
        period=lambda f: f["period"].astype("int64"),
        source=lambda f: f["bron"].astype(str).str.strip().replace("", None),
        note=lambda f: f["opmerking"].astype(str).str.strip().replace("", None),
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
    problems = sorted(col.problems, key=lambda p: (p.severity != "fout", p.row or 0))
    return Report(problems, clean.reset_index(drop=True), col.counts, skipped)


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
        message = t("hint.indicator_case", "nl", found=found, id=ind)
        col.counts[message] = col.counts.get(message, 0) + 1
        col.problems.append(Problem("waarschuwing", None, "indicator", None, message))
    return ids.replace(mapping)


def code_hint(value: str) -> str | None:
    """What to do about an unknown area code that resembles no known one."""
    if re.match(r"^\S+\s+\S", str(value)):
        return hint("code_pattern")
    return hint("alias")


def _dates(frame: pd.DataFrame, col: Collector) -> pd.Series:
    text = frame["peildatum"].astype(str).str.strip().str.removesuffix(" 00:00:00")  # Excel
    iso = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    dutch = pd.to_datetime(text, format="%d-%m-%Y", errors="coerce")
    parsed = iso.fillna(dutch)
    bad = (text != "") & parsed.isna()
    frame["peildatum_ok"] = ~bad
    if bad.any():
        col.add(
            "fout",
            frame[bad],
            "peildatum",
            text[bad],
            "is geen datum",
            "Gebruik jjjj-mm-dd (2024-01-01) of dd-mm-jjjj.",
        )
    return parsed.dt.date.where(parsed.notna(), None).astype(object)


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
            "waarschuwing",
            frame[far],
            "waarde",
            frame.loc[far, "waarde"],
            "ligt ver buiten wat eerder voor deze indicator is gemeten",
            "Controleer de eenheid en het decimaalteken.",
        )
