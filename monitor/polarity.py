"""Fair polarity: whether "higher" is better, worse or neither, and where that came from.

Imported metadata is a starting point, not the truth. The BBGA metadata colours the share
of residents with a migration background, an age group or a household type "higher is
better", so an area would be *beter* or *slechter* for who lives there. A curation file
(``indicators/bbga-polariteit.toml``) sits on top of it: rules by THEMA, variable name or
label make population make-up *neutraal* (meer / minder), and per-variable overrides fix
what the metadata gets wrong, each with a one-line reason.

Precedence, highest first:

1. ``gebruiker``: a user's own polarity (``monitor.polarity_users``; ``monitor import
   polariteit``), kept in ``polarity_overrides`` and applied again after every import;
2. ``override``: an ``[[override]]`` of the curation file;
3. ``regel``: the first ``[[rule]]`` that matches; rules only touch coloured polarities
   (``hoger-beter``/``lager-beter``): a count the metadata leaves uncoloured stays so;
4. ``metadata`` (BBGA ``Kleurenpalet``) or ``catalogus`` (a TOML/CSV catalogue).

Every indicator row carries its ``polarity_source``, ``polarity_reason`` (Dutch and
English), ``polarity_metadata`` (what the metadata itself said) and ``polarity_by``, so the
app and the CLI can say why an area is *beter*, or only *meer*.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from monitor.catalog import POLARITIES, Indicator
from monitor.config import PROJECT_ROOT
from monitor.errors import MonitorError
from monitor.messages import t

DEFAULT_CURATION = PROJECT_ROOT / "indicators" / "bbga-polariteit.toml"
#: Polarities that make an area *beter* or *slechter*; rules only ever neutralise these.
COLOURED = ("hoger-beter", "lager-beter")
_RULE_KEYS = {"name", "polarity", "reason", "theme", "variable", "label"}
_OVERRIDE_KEYS = {"id", "polarity", "reason"}
MAX_REASON = 500


@dataclass(frozen=True)
class Rule:
    """Indicators whose THEMA, id and label match (all given patterns) get ``polarity``."""

    name: str
    polarity: str
    reason: dict[str, str]
    theme: re.Pattern[str] | None = None
    variable: re.Pattern[str] | None = None
    label: re.Pattern[str] | None = None

    def matches(self, ind: Indicator) -> bool:
        checks = ((self.theme, ind.theme), (self.variable, ind.id), (self.label, ind.label_nl))
        return all(p.search(v or "") for p, v in checks if p is not None)


@dataclass(frozen=True)
class Override:
    id: str
    polarity: str
    reason: dict[str, str]


@dataclass
class Curation:
    name: str
    rules: list[Rule]
    overrides: dict[str, Override] = field(default_factory=dict)


@dataclass(frozen=True)
class Change:
    """One polarity the curation changed: from the metadata's ``old`` to ``new``."""

    id: str
    old: str
    new: str
    source: str  # regel or override
    rule: str | None = None


# -- reading a curation file -----------------------------------------------------------


def _reason(value: Any, where: str) -> dict[str, str]:
    if isinstance(value, str):
        value = {"nl": value}
    if not isinstance(value, dict) or not str(value.get("nl") or "").strip():
        raise MonitorError(t("polarity.err.reason_missing", where=where))
    unknown = set(value) - {"nl", "en"}
    if unknown:
        raise MonitorError(
            t("polarity.err.reason_languages", where=where, languages=", ".join(sorted(unknown)))
        )
    reason = {k: " ".join(str(v).split()) for k, v in value.items() if str(v or "").strip()}
    if len(reason["nl"]) > MAX_REASON:
        raise MonitorError(t("polarity.err.reason_long", where=where, max=MAX_REASON))
    return reason


def _polarity(value: Any, where: str) -> str:
    if value not in POLARITIES:
        raise MonitorError(
            t("polarity.err.unknown", where=where, value=value, choices=", ".join(POLARITIES))
        )
    return str(value)


def _pattern(value: Any, where: str, key: str) -> re.Pattern[str] | None:
    if value is None:
        return None
    try:
        return re.compile(str(value), re.IGNORECASE)
    except re.error as exc:
        raise MonitorError(
            t("polarity.err.pattern", where=where, field=key, value=value, error=exc)
        ) from exc


def _entries(data: dict[str, Any], key: str, name: str) -> list[dict[str, Any]]:
    entries = data.get(key, [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise MonitorError(t("polarity.err.not_blocks", name=name, block=key))
    return entries


def _read_toml(path: Path) -> dict[str, Any]:
    path = Path(path)
    if not path.exists():
        raise MonitorError(t("file.missing", path=path))
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise MonitorError(t("file.bad_toml", name=path.name, error=exc)) from exc
    except UnicodeDecodeError as exc:
        raise MonitorError(t("file.not_utf8", name=path.name, error=exc)) from exc


def _overrides(data: dict[str, Any], name: str) -> dict[str, Override]:
    found: dict[str, Override] = {}
    for i, entry in enumerate(_entries(data, "override", name), start=1):
        where = t("polarity.where.override", name=name, i=i)
        unknown = set(entry) - _OVERRIDE_KEYS
        if unknown:
            fields = ", ".join(sorted(unknown))
            raise MonitorError(t("file.unknown_fields", where=where, fields=fields))
        ident = str(entry.get("id") or "").strip()
        if not ident:
            raise MonitorError(t("polarity.err.id_missing", where=where))
        where = t("polarity.where.override_named", name=name, i=i, id=ident)
        if ident in found:
            raise MonitorError(t("polarity.err.twice", where=where))
        found[ident] = Override(
            ident, _polarity(entry.get("polarity"), where), _reason(entry.get("reason"), where)
        )
    return found


def load_curation(path: Path = DEFAULT_CURATION) -> Curation:
    """Read a curation file (format: see ``indicators/bbga-polariteit.toml``)."""
    path = Path(path)
    data = _read_toml(path)
    unknown = set(data) - {"curation", "rule", "override"}
    if unknown:
        raise MonitorError(
            t("polarity.err.unknown_blocks", name=path.name, blocks=", ".join(sorted(unknown)))
        )
    rules = []
    for i, entry in enumerate(_entries(data, "rule", path.name), start=1):
        where = t("polarity.where.rule", name=path.name, i=i)
        unknown = set(entry) - _RULE_KEYS
        if unknown:
            fields = ", ".join(sorted(unknown))
            raise MonitorError(t("file.unknown_fields", where=where, fields=fields))
        name = str(entry.get("name") or t("polarity.rule_name", i=i))
        where = t("polarity.where.rule_named", name=path.name, i=i, rule=name)
        patterns = {k: _pattern(entry.get(k), where, k) for k in ("theme", "variable", "label")}
        if not any(patterns.values()):
            raise MonitorError(t("polarity.err.no_pattern", where=where))
        rules.append(
            Rule(
                name,
                _polarity(entry.get("polarity"), where),
                _reason(entry.get("reason"), where),
                **patterns,
            )
        )
    meta = data.get("curation", {})
    return Curation(str(meta.get("name") or path.stem), rules, _overrides(data, path.name))


def curate(indicators: list[Indicator], curation: Curation) -> list[Change]:
    """Apply ``curation`` to freshly read metadata, in place; the changed polarities."""
    changes = []
    for ind in indicators:
        before = ind.polarity
        if ind.polarity_metadata is None:
            ind.polarity_metadata = before
        override = curation.overrides.get(ind.id)
        rule = None
        if override is None and before in COLOURED:
            rule = next((r for r in curation.rules if r.matches(ind)), None)
        chosen = override or rule
        if chosen is None:
            continue
        ind.polarity = chosen.polarity
        ind.polarity_source = "override" if override else "regel"
        ind.polarity_reason = chosen.reason["nl"]
        ind.polarity_reason_en = chosen.reason.get("en")
        # For a curated polarity "by" names the file (and rule) that set it.
        ind.polarity_by = f"{curation.name}: {rule.name}" if rule else curation.name
        if before != ind.polarity:
            changes.append(
                Change(ind.id, before, ind.polarity, ind.polarity_source, rule and rule.name)
            )
    return changes


# -- explaining ------------------------------------------------------------------------


def reason_text(ind: Indicator, lang: str = "nl") -> str | None:
    """The stored reason in ``lang`` (Dutch when there is no translation)."""
    if lang == "en" and ind.polarity_reason_en:
        return ind.polarity_reason_en
    return ind.polarity_reason


def source_text(ind: Indicator, lang: str = "nl") -> str:
    """Where the polarity came from, as a sentence or two."""
    source = ind.polarity_source or "onbekend"
    reason = reason_text(ind, lang) or ""
    if source != "metadata":
        reason = _sentence(reason)
    text = t(
        f"polarity.source.{source}",
        lang,
        reason=reason,
        by=ind.polarity_by or "?",
        catalog=ind.catalog or "?",
    )
    if source == "catalogus" and reason:
        text = f"{text} {reason}"
    was = ind.polarity_metadata
    if was and was != ind.polarity and source in ("regel", "override", "gebruiker"):
        text += " " + t("polarity.was", lang, polarity=t(f"polarity.name.{was}", lang))
    return text


def explain(ind: Indicator, lang: str = "nl") -> str:
    """The full text: how to read the colours, and where that came from."""
    key = "polarity.explain.geen" if ind.polarity == "geen" else f"direction.{ind.polarity}"
    return f"{t(key, lang)} {source_text(ind, lang)}"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?" else text + "."


def short_note(ind: Indicator, lang: str = "nl") -> str | None:
    """A short visible note for a neutral polarity or one the curation or a user set
    ("neutraal: bevolkingssamenstelling is geen oordeel over een gebied"); else None."""
    changed = ind.polarity_source in ("regel", "override", "gebruiker")
    if not changed and ind.polarity != "neutraal":
        return None
    reason = reason_text(ind, lang) if ind.polarity_source in ("regel", "override") else None
    if ind.polarity_source == "catalogus":
        reason = reason_text(ind, lang)
    text = _lower_first(reason) if reason else source_text(ind, lang)
    return t("polarity.short", lang, polarity=t(f"polarity.name.{ind.polarity}", lang), reason=text)


def _lower_first(text: str) -> str:
    """ "Bevolking is …" → "bevolking is …" after a colon; "BBGA …" stays."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


# -- the indicator a page opens on -----------------------------------------------------

#: Policy themes to open on when no block set names an indicator (id or Dutch label).
POLICY_FIRST = ("werkloos", "bijstand", "veilig", "minima", "inkomen")


def opening_indicator(
    indicators: Mapping[str, Indicator], has_data: Callable[[str], bool]
) -> str | None:
    """The indicator the app opens on: a policy indicator whose colours say *beter* or
    *slechter* (werkloosheid, bijstand, veiligheid…), never a neutral, demographic one.

    First the block set that fits the catalogue (Oost's buurtbegroting starts with
    werkloosheid), then :data:`POLICY_FIRST`, then any coloured indicator; only ones with
    data. None when the catalogue has no coloured indicator with data.
    """
    from monitor.blocks import best_preset
    from monitor.catalog import DOMAINS

    coloured = {i.id: i for i in indicators.values() if i.polarity in COLOURED and not i.forecast}
    order = list(DOMAINS)
    by_domain = sorted(
        coloured.values(),
        key=lambda i: (order.index(i.domain) if i.domain in order else len(order), i.id),
    )
    candidates = [i for i in best_preset(indicators).indicator_ids if i in coloured]
    for word in POLICY_FIRST:
        candidates += [
            i.id for i in by_domain if word in i.id.lower() or word in i.label_nl.lower()
        ]
    candidates += [i.id for i in by_domain]
    seen: set[str] = set()
    for ident in candidates:
        if ident in seen:
            continue
        seen.add(ident)
        if has_data(ident):
            return ident
    return None
