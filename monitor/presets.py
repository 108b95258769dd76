"""Indicator sets (*presets*): named sets of at most 18 indicators in domain rows, as
stadsdeel Oost showed them on every buurt (``indicators/*.toml``).

Loading and checking a preset file, the user's own choice grouped by domain
(:func:`custom_preset`), the preset that fits a catalogue best (:func:`best_preset`),
and a stand-in set from the measured indicators when none of a preset's ids is in the
catalogue (:func:`usable_preset`). :mod:`monitor.blocks` scores a set.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from monitor.catalog import DOMAINS, Indicator, domain_label
from monitor.config import PROJECT_ROOT
from monitor.errors import MonitorError
from monitor.messages import t
from monitor.period_kinds import is_sub_year
from monitor.scoring import Scorer
from monitor.store import Store

#: The demo's default set: the 18 indicators of stadsdeel Oost's buurtbegroting.
DEFAULT_PRESET = PROJECT_ROOT / "indicators" / "oost.toml"
#: At most this many indicators in a block (three domains of six, as Oost had).
MAX_INDICATORS = 18
#: Cells per row of a block; a domain with more indicators continues on a next row.
ROW_WIDTH = 6
#: Key of the set that stands in when the catalogue has none of the preset's ids.
STANDIN_KEY = "vervangend"
_KEY = re.compile(r"[A-Za-z0-9_.\-]+")


@dataclass(frozen=True)
class PresetDomain:
    """One row (or rows) of a block: a domain and its indicators in display order."""

    key: str
    indicators: tuple[str, ...]
    label: Mapping[str, str] | None = None

    def title(self, lang: str = "nl") -> str:
        if self.label:
            return self.label.get(lang) or self.label.get("nl") or domain_label(self.key, lang)
        return domain_label(self.key, lang)


@dataclass(frozen=True)
class Preset:
    """A named indicator set in domain rows."""

    key: str
    domains: tuple[PresetDomain, ...]
    name: Mapping[str, str] | None = None

    @property
    def indicator_ids(self) -> list[str]:
        return [i for d in self.domains for i in d.indicators]

    def title(self, lang: str = "nl") -> str:
        if self.name:
            return self.name.get(lang) or self.name.get("nl") or self.key
        return self.key

    def domain_of(self, indicator_id: str) -> str:
        for dom in self.domains:
            if indicator_id in dom.indicators:
                return dom.key
        raise KeyError(indicator_id)

    def rows(self) -> list[list[int]]:
        """Cell rows as positions in :attr:`indicator_ids`: one row per domain, wrapped."""
        rows, start = [], 0
        for dom in self.domains:
            positions = list(range(start, start + len(dom.indicators)))
            rows.extend(positions[i : i + ROW_WIDTH] for i in range(0, len(positions), ROW_WIDTH))
            start += len(dom.indicators)
        return rows


def _labels(value: object, where: str) -> dict[str, str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return {"nl": value}
    if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
        return {str(k): v for k, v in value.items()}
    raise MonitorError(t("blocks.err.label", where=where))


def check_preset(preset: Preset, source: str = "set") -> Preset:
    """Refuse sets the views cannot show, with a Dutch message."""
    if not preset.domains:
        raise MonitorError(t("blocks.err.no_domains", source=source))
    seen: set[str] = set()
    for dom in preset.domains:
        if not dom.indicators:
            raise MonitorError(t("blocks.err.empty_domain", source=source, domain=dom.key))
        for ind in dom.indicators:
            if ind in seen:
                raise MonitorError(t("blocks.err.indicator_twice", source=source, id=ind))
            seen.add(ind)
    if len(seen) > MAX_INDICATORS:
        raise MonitorError(t("blocks.err.too_many", source=source, n=len(seen), max=MAX_INDICATORS))
    keys = [d.key for d in preset.domains]
    if len(set(keys)) != len(keys):
        raise MonitorError(t("blocks.err.domain_twice", source=source))
    return preset


def load_preset(path: str | Path = DEFAULT_PRESET) -> Preset:
    """Read a preset TOML file (format: see ``indicators/oost.toml``)."""
    path = Path(path)
    if not path.exists():
        raise MonitorError(t("file.missing", path=path))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise MonitorError(t("file.bad_toml", name=path.name, error=exc)) from exc
    meta = data.get("preset", {})
    key = str(meta.get("key") or path.stem)
    if not _KEY.fullmatch(key):
        raise MonitorError(t("blocks.err.bad_key", name=path.name, set=key))
    domains = []
    for i, entry in enumerate(data.get("domain", []), start=1):
        where = t("blocks.where.domain", name=path.name, i=i)
        if not isinstance(entry, dict) or not entry.get("key"):
            raise MonitorError(t("blocks.err.key_missing", where=where))
        unknown = set(entry) - {"key", "label", "indicators"}
        if unknown:
            fields = ", ".join(sorted(unknown))
            raise MonitorError(t("file.unknown_fields", where=where, fields=fields))
        ids = entry.get("indicators", [])
        if not isinstance(ids, list) or not all(isinstance(x, str) for x in ids):
            raise MonitorError(t("blocks.err.indicators", where=where))
        domains.append(
            PresetDomain(str(entry["key"]), tuple(ids), _labels(entry.get("label"), where))
        )
    preset = Preset(key, tuple(domains), _labels(meta.get("name"), path.name))
    return check_preset(preset, path.name)


def preset_files(folder: Path = DEFAULT_PRESET.parent) -> list[Path]:
    """The preset TOML files in ``indicators/`` (those with a ``[preset]`` table), the
    default first; catalogue files in the same folder are skipped."""
    found = []
    for path in sorted(folder.glob("*.toml")):
        try:
            if "preset" in tomllib.loads(path.read_text(encoding="utf-8")):
                found.append(path)
        except (OSError, tomllib.TOMLDecodeError):
            continue
    return sorted(found, key=lambda p: p != DEFAULT_PRESET)


def best_preset(indicators: Mapping[str, Indicator]) -> Preset:
    """The preset whose indicators the catalogue holds most of (ties: the default).

    So one installation needs no setting: the demo gets Oost's set, imported BBGA data
    gets the same 18 cells under their BBGA names.
    """
    presets = _presets() or [load_preset()]
    return max(presets, key=lambda p: sum(i in indicators for i in p.indicator_ids))


#: The parsed preset files, kept while no file in ``indicators/`` changed (every page
#: with blocks asks on every render; parsing the TOML files took ~10 ms).
_PRESETS: dict[tuple, list[Preset]] = {}


def _presets(folder: Path = DEFAULT_PRESET.parent) -> list[Preset]:
    stamp = tuple(
        (p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(folder.glob("*.toml"))
    )
    key = (str(folder), stamp)
    found = _PRESETS.get(key)
    if found is None:
        found = [load_preset(path) for path in preset_files(folder)]
        _PRESETS.clear()
        _PRESETS[key] = found
    return list(found)


def custom_preset(
    indicator_ids: Iterable[str],
    indicators: Mapping[str, Indicator],
    base: Preset | None = None,
) -> Preset:
    """A user's own choice grouped by domain: the base preset's domains first, in its
    order, then the catalogue's domains; within a domain in the order chosen.

    Indicators of the base preset stay in their preset row; others go to the row of
    their catalogue domain. Unknown ids and duplicates are dropped.
    """
    # A set shows one year: indicators per quarter or month have no place in it.
    chosen = list(dict.fromkeys(i for i in indicator_ids if i in indicators and not is_sub_year(i)))
    if not chosen:
        raise MonitorError(t("blocks.err.choose"))
    if len(chosen) > MAX_INDICATORS:
        raise MonitorError(t("blocks.err.too_many_chosen", n=len(chosen), max=MAX_INDICATORS))
    groups: dict[str, list[str]] = {}
    labels: dict[str, Mapping[str, str] | None] = {}
    order = list(DOMAINS)
    if base is not None:
        for dom in base.domains:
            groups[dom.key], labels[dom.key] = [], dom.label
    for ind in chosen:
        key = indicators[ind].domain
        if base is not None and ind in base.indicator_ids:
            key = base.domain_of(ind)
        groups.setdefault(key, []).append(ind)
    base_keys = [d.key for d in base.domains] if base is not None else []

    def rank(key: str) -> tuple[int, int, str]:
        if key in base_keys:
            return (0, base_keys.index(key), key)
        return (1, order.index(key) if key in order else len(order), key)

    domains = tuple(
        PresetDomain(key, tuple(groups[key]), labels.get(key))
        for key in sorted(groups, key=rank)
        if groups[key]
    )
    if base is not None and domains == base.domains:
        return base
    return check_preset(Preset("eigen", domains), t("blokjes.set_custom"))


def usable_preset(
    preset: Preset,
    indicators: Mapping[str, Indicator],
    measured: Iterable[str] | None = None,
) -> tuple[Preset | None, list[str]]:
    """The preset without ids the catalogue lacks, and those ids (for a message).

    With none of its ids in the catalogue (another municipality's data), a stand-in
    set is formed: per domain (in catalogue order) the first six coloured indicators
    that have measurements (``measured``; all when not given), at most 18.
    """
    missing = [i for i in preset.indicator_ids if i not in indicators]
    if not missing:
        return preset, []
    kept = tuple(
        PresetDomain(d.key, tuple(i for i in d.indicators if i in indicators), d.label)
        for d in preset.domains
    )
    kept = tuple(d for d in kept if d.indicators)
    if kept:
        return Preset(preset.key, kept, preset.name), missing
    with_data = set(measured) if measured is not None else set(indicators)
    order = list(DOMAINS)
    coloured = sorted(
        (
            i
            for i in indicators.values()
            if i.polarity != "geen"
            and not i.forecast
            and i.id in with_data
            and not is_sub_year(i.id)
        ),
        key=lambda i: (order.index(i.domain) if i.domain in order else len(order), i.domain, i.id),
    )
    chosen: list[str] = []
    per_domain: dict[str, int] = {}
    for ind in coloured:
        if per_domain.get(ind.domain, 0) < ROW_WIDTH and len(chosen) < MAX_INDICATORS:
            per_domain[ind.domain] = per_domain.get(ind.domain, 0) + 1
            chosen.append(ind.id)
    if not chosen:
        return None, missing
    standin = custom_preset(chosen, indicators)
    name = {lang: t("blokjes.standin", lang) for lang in ("nl", "en")}
    return replace(standin, key=STANDIN_KEY, name=name), missing


#: Above this many coloured indicators (BBGA has 375), pages that list or count every
#: indicator per area use the block set instead: fast, and the number a council reads.
MAX_ALL_INDICATORS = 60


def key_set(scorer: Scorer) -> Preset | None:
    """None when the catalogue is small enough to show all coloured indicators; else the
    best-fitting preset (or a stand-in from the measured indicators)."""
    coloured = [
        i
        for i in scorer.indicators.values()
        if i.polarity != "geen" and not i.forecast and not is_sub_year(i.id)
    ]
    if len(coloured) <= MAX_ALL_INDICATORS:
        return None
    best = best_preset(scorer.indicators)
    # The measured indicators matter only for a stand-in set: none of the preset's ids
    # is in the catalogue (a query over every measurement, so only then).
    measured = (
        None
        if any(i in scorer.indicators for i in best.indicator_ids)
        else measured_indicators(scorer.store, scorer.division_id)
    )
    preset, _ = usable_preset(best, scorer.indicators, measured)
    return preset


def measured_indicators(store: Store, division_id: int) -> set[str]:
    """Ids of the indicators with current measurements in a division."""
    return store.measured_indicators(division_id)
