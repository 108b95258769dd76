"""The indicator catalogue: what each indicator means and how it is scored.

Definitions come from TOML files in ``indicators/`` (the demo and presets), from a CSV
with the same columns, or from the BBGA metadata published by OIS Amsterdam
(:mod:`monitor.catalog_bbga`). Whatever
the source, a definition is validated into an :class:`Indicator` before it reaches the
store, so scoring can trust it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import pandas as pd

from monitor.errors import MonitorError
from monitor.messages import t

POLARITIES = ("hoger-beter", "lager-beter", "neutraal", "geen")
#: Where a polarity came from (``monitor.polarity`` explains and applies them).
POLARITY_SOURCES = ("metadata", "catalogus", "regel", "override", "gebruiker")
#: Set by the importers and ``monitor.polarity``, never by a catalogue file.
_POLARITY_INTERNAL = ("polarity_source", "polarity_metadata", "polarity_by", "polarity_reason_en")
AGGREGATIONS = ("som", "gewogen-gemiddelde", "geen")
METHODS = ("z", "z5", "relatief", "absoluut", "index")
#: How the z-methods measure the spread (monitor/scoring/spread.py); "sd" is the city's method.
SPREADS = ("sd", "mad", "log")
#: Units that are scales or counts, not rates: z on log values makes no sense for them.
NOT_RATES = ("rapportcijfer", "index", "aantal")
#: Units with special meaning in scoring; any other text is allowed as a plain unit.
KNOWN_UNITS = ("%", "rapportcijfer", "index", "aantal", "€")

#: Domains known to the app, with Dutch and English labels (others are allowed).
DOMAINS: dict[str, dict[str, str]] = {
    "werk_inkomen": {"nl": "Werk en inkomen", "en": "Work and income"},
    "jeugd_onderwijs": {"nl": "Jeugd en onderwijs", "en": "Youth and education"},
    "leefbaarheid": {"nl": "Leefbaarheid", "en": "Liveability"},
    "veiligheid": {"nl": "Veiligheid", "en": "Safety"},
    "leefbaarheid_veiligheid": {"nl": "Leefbaarheid en veiligheid", "en": "Liveability and safety"},
    "welzijn_zorg": {"nl": "Welzijn en zorg", "en": "Welfare and care"},
    "bevolking": {"nl": "Bevolking", "en": "Population"},
    "wonen": {"nl": "Wonen", "en": "Housing"},
    "economie": {"nl": "Economie en cultuur", "en": "Economy and culture"},
    "duurzaamheid": {"nl": "Duurzaamheid", "en": "Sustainability"},
    "overig": {"nl": "Overig", "en": "Other"},
}

#: Forecast variables (BBGA ``*_PROG2015`` etc.) are never measurements.
FORECAST_PATTERN = re.compile(r"_PROG\d{4}$", re.IGNORECASE)


@dataclass
class Indicator:
    """One indicator definition, as stored in the ``indicators`` table."""

    id: str
    label_nl: str
    domain: str
    unit: str
    polarity: str
    label_en: str | None = None
    definition: str | None = None
    theme: str | None = None
    decimals: int = 1
    source: str | None = None
    min_population: float = 0.0
    min_population_indicator: str | None = None
    min_respondents: float = 0.0
    aggregation: str = "geen"
    weight_indicator: str | None = None
    method: str = "z"
    spread: str = "sd"
    band: float | None = None
    base_year: int | None = None
    survey: bool = False
    sd_individual: float | None = None
    forecast: bool = False
    catalog: str | None = None
    #: Where ``polarity`` came from (:data:`POLARITY_SOURCES`), why, what the metadata
    #: or catalogue itself said, and who set it (a user's own polarity).
    polarity_source: str | None = None
    polarity_reason: str | None = None
    polarity_reason_en: str | None = None
    polarity_metadata: str | None = None
    polarity_by: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.validate()

    def validate(self) -> None:
        """Reject definitions scoring cannot use, with a Dutch message."""
        where = t("catalog.where.indicator", id=self.id)
        if not self.id or not re.fullmatch(r"[A-Za-z0-9_.\-]+", self.id):
            raise MonitorError(t("catalog.err.bad_id", id=self.id))
        if self.polarity not in POLARITIES:
            raise MonitorError(
                t(
                    "catalog.err.polarity",
                    where=where,
                    value=self.polarity,
                    choices=", ".join(POLARITIES),
                )
            )
        if self.polarity_source is not None and self.polarity_source not in POLARITY_SOURCES:
            raise MonitorError(
                t(
                    "catalog.err.polarity_source",
                    where=where,
                    value=self.polarity_source,
                    choices=", ".join(POLARITY_SOURCES),
                )
            )
        if self.aggregation not in AGGREGATIONS:
            raise MonitorError(
                t(
                    "catalog.err.aggregation",
                    where=where,
                    value=self.aggregation,
                    choices=", ".join(AGGREGATIONS),
                )
            )
        if self.method not in METHODS:
            raise MonitorError(
                t("catalog.err.method", where=where, value=self.method, choices=", ".join(METHODS))
            )
        self.spread = self.spread or "sd"  # an empty CSV cell: the city's method
        if self.spread not in SPREADS:
            raise MonitorError(
                t("catalog.err.spread", where=where, value=self.spread, choices=", ".join(SPREADS))
            )
        if self.spread == "log" and self.unit in NOT_RATES:
            raise MonitorError(t("catalog.err.log_spread", where=where, unit=self.unit))
        if self.aggregation == "gewogen-gemiddelde" and not self.weight_indicator:
            # A weighted mean without weights is a plain mean; say so explicitly.
            self.weight_indicator = None
        if self.min_population < 0 or self.min_respondents < 0:
            raise MonitorError(t("catalog.err.negative_minimum", where=where))
        if not 0 <= int(self.decimals) <= 6:
            raise MonitorError(t("catalog.err.decimals", where=where))
        if self.band is not None and self.band <= 0:
            raise MonitorError(t("catalog.err.band", where=where))
        if FORECAST_PATTERN.search(self.id):
            self.forecast = True

    def label(self, lang: str = "nl") -> str:
        return (self.label_en if lang == "en" and self.label_en else self.label_nl) or self.id

    def row(self) -> dict[str, Any]:
        """The dict written to the store (without ``extra``)."""
        data = asdict(self)
        data.pop("extra")
        data["decimals"] = int(data["decimals"])
        return data

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Indicator:
        known = {f.name for f in fields(cls)} - {"extra"}
        clean = {k: (None if _is_missing(v) else v) for k, v in row.items() if k in known}
        for key, default in (("min_population", 0.0), ("min_respondents", 0.0), ("decimals", 1)):
            if clean.get(key) is None:
                clean[key] = default
        for key in ("survey", "forecast"):
            clean[key] = bool(clean.get(key) or False)
        for key in ("method",):
            clean[key] = clean.get(key) or "z"
        clean["spread"] = clean.get("spread") or "sd"
        for key in ("aggregation",):
            clean[key] = clean.get(key) or "geen"
        if clean.get("base_year") is not None:
            clean["base_year"] = int(clean["base_year"])
        return cls(**clean)


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


# -- TOML and CSV catalogues ---------------------------------------------------------


def _from_toml_entry(entry: dict[str, Any], catalog: str | None) -> Indicator:
    entry = dict(entry)
    label = entry.pop("label", None)
    if isinstance(label, dict):
        entry["label_nl"] = label.get("nl")
        entry["label_en"] = label.get("en")
    elif label is not None:
        entry["label_nl"] = label
    internal = [k for k in _POLARITY_INTERNAL if k in entry]
    if internal:
        raise MonitorError(
            t("catalog.err.internal_fields", id=entry.get("id", "?"), fields=", ".join(internal))
        )
    reason = entry.get("polarity_reason")
    if isinstance(reason, dict):
        entry["polarity_reason"] = reason.get("nl")
        entry["polarity_reason_en"] = reason.get("en")
    if entry.get("polarity"):
        entry["polarity_source"] = "catalogus"
        entry["polarity_metadata"] = entry["polarity"]
    if "weight" in entry:
        entry["weight_indicator"] = entry.pop("weight")
    if "population_indicator" in entry:
        entry["min_population_indicator"] = entry.pop("population_indicator")
    entry.setdefault("catalog", catalog)
    missing = [k for k in ("id", "label_nl", "domain", "unit", "polarity") if not entry.get(k)]
    if missing:
        raise MonitorError(
            t("catalog.err.required", id=entry.get("id", "?"), fields=", ".join(missing))
        )
    unknown = set(entry) - {f.name for f in fields(Indicator)}
    if unknown:
        raise MonitorError(
            t("catalog.err.unknown_fields", id=entry["id"], fields=", ".join(sorted(unknown)))
        )
    return Indicator(**entry)


@dataclass
class Catalog:
    """A set of indicator definitions plus catalogue-wide settings."""

    name: str
    indicators: list[Indicator]
    population_indicator: str | None = None
    domains: dict[str, dict[str, str]] = field(default_factory=dict)

    def by_id(self) -> dict[str, Indicator]:
        return {ind.id: ind for ind in self.indicators}


def load_toml(path: Path) -> Catalog:
    """Read a catalogue TOML file (see ``indicators/voorbeeldstad.toml``)."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise MonitorError(t("file.bad_toml", name=Path(path).name, error=exc)) from exc
    meta = data.get("catalog", {})
    name = meta.get("name", Path(path).stem)
    entries = data.get("indicator", [])
    if not entries:
        raise MonitorError(t("catalog.err.no_indicators", name=Path(path).name))
    population = meta.get("population_indicator")
    inds = []
    for entry in entries:
        ind = _from_toml_entry(entry, name)
        if ind.min_population and not ind.min_population_indicator:
            ind.min_population_indicator = population
        inds.append(ind)
    _check_unique(inds)
    return Catalog(name, inds, population, data.get("domains", {}))


def load_csv(path: Path) -> Catalog:
    """Read a catalogue CSV with the columns of :class:`Indicator` (``label`` → label_nl)."""
    frame = pd.read_csv(path, sep=None, engine="python", dtype=str, keep_default_na=False)
    frame.columns = [c.strip().lower() for c in frame.columns]
    if "label" in frame and "label_nl" not in frame:
        frame = frame.rename(columns={"label": "label_nl"})
    inds = []
    for i, raw in enumerate(frame.to_dict("records"), start=2):
        row: dict[str, Any] = {k: (v.strip() or None) for k, v in raw.items()}
        try:
            for key in ("min_population", "min_respondents", "band", "sd_individual"):
                if row.get(key) is not None:
                    row[key] = float(row[key].replace(",", "."))
            for key in ("decimals", "base_year"):
                if row.get(key) is not None:
                    row[key] = int(row[key])
            for key in ("survey", "forecast"):
                row[key] = str(row.get(key) or "").lower() in ("1", "true", "ja", "yes")
            row.setdefault("catalog", Path(path).stem)
            inds.append(_from_toml_entry(row, Path(path).stem))
        except (ValueError, MonitorError) as exc:
            raise MonitorError(t("catalog.err.row", name=Path(path).name, i=i, error=exc)) from exc
    _check_unique(inds)
    return Catalog(Path(path).stem, inds)


def load_file(path: Path) -> Catalog:
    """A TOML or CSV catalogue, chosen by extension."""
    path = Path(path)
    if not path.exists():
        raise MonitorError(t("file.missing", path=path))
    if path.suffix.lower() == ".toml":
        return load_toml(path)
    if path.suffix.lower() in (".csv", ".txt"):
        return load_csv(path)
    raise MonitorError(t("catalog.err.kind", name=path.name))


def _check_unique(inds: list[Indicator]) -> None:
    seen: set[str] = set()
    for ind in inds:
        if ind.id in seen:
            raise MonitorError(t("catalog.err.twice", id=ind.id))
        seen.add(ind.id)


# -- store helpers -------------------------------------------------------------------


def save(store: Any, catalog: Catalog) -> int:
    """Write a catalogue's definitions to the store; remembers the population indicator."""
    with store.begin() as conn:
        count = store.upsert_indicators((i.row() for i in catalog.indicators), conn)
        if catalog.population_indicator:
            store.set_setting("population_indicator", catalog.population_indicator, conn)
    return count


#: Options a new indicator needs (field → CLI option), and how a change is named.
REQUIRED_NEW = {
    "label_nl": "--label",
    "unit": "--unit",
    "polarity": "--polarity",
    "domain": "--domain",
}


def define(
    store: Any, indicator_id: str, given: dict[str, Any]
) -> tuple[Indicator, list[str] | None]:
    """A definition from ``monitor indicator add``: a new indicator from ``given`` (which
    must hold :data:`REQUIRED_NEW`), or the stored one with only ``given`` changed, so
    its measurements stay. Returns the definition and what changed (None when new).

    Ids differing only in case are one indicator in files, so a second spelling of an
    existing id is refused."""
    frame = store.indicators_frame()
    same = frame[frame["id"].str.casefold() == indicator_id.casefold()]
    if same.empty:
        missing = [opt for name, opt in REQUIRED_NEW.items() if given.get(name) is None]
        if missing:
            raise MonitorError(
                t("catalog.err.new_needs", id=indicator_id, options=", ".join(missing))
            )
        return Indicator(id=indicator_id, catalog="handmatig", **given), None
    stored = Indicator.from_row(same.iloc[0].to_dict())
    if stored.id != indicator_id:
        raise MonitorError(t("catalog.err.case", id=stored.id))
    options = {"label_nl": "label", "weight_indicator": "weight"}
    changed = [
        f"--{options.get(name, name).replace('_', '-')} {getattr(stored, name)!r} → {value!r}"
        for name, value in given.items()
        if getattr(stored, name) != value
    ]
    updated = Indicator(**{**asdict(stored), **given})
    return updated, changed


def load_from_store(store: Any, ids: list[str] | None = None) -> dict[str, Indicator]:
    """Indicator definitions in the store (all, or only ``ids``), by id."""
    frame = store.indicators_frame(ids)
    return {r["id"]: Indicator.from_row(r) for r in frame.to_dict("records")}


def domain_label(domain: str, lang: str = "nl") -> str:
    return DOMAINS.get(domain, {}).get(lang) or domain.replace("_", " ").capitalize()
