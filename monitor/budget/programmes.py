"""Budget programmes: configuration, not code.

``indicators/programmas.toml`` lists the eleven programmes of Amsterdam's area work;
``monitor import programmas FILE`` stores another list in the database (setting
``budget_programmes``), so every worker uses it. A file's programme cell matches a
programme by its Dutch or English name or an alias, without regard to case, accents,
spaces or punctuation (:func:`name_key`).
"""

from __future__ import annotations

import json
import re
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from monitor import audit
from monitor.config import PROJECT_ROOT
from monitor.errors import MonitorError
from monitor.messages import t
from monitor.problems import fold
from monitor.store import Store
from monitor.toml_files import read_toml

#: The default programme list (Amsterdam's eleven programmes of area work).
DEFAULT_PROGRAMMES = PROJECT_ROOT / "indicators" / "programmas.toml"
#: Setting that holds a programme list loaded with ``monitor import programmas``.
PROGRAMMES_SETTING = "budget_programmes"


def name_key(text: str) -> str:
    """A programme name for matching: no accents, case, spaces, dots, '_' or '-'
    ("Openbare Ruimte & Groen" and "openbareruimte&groen" are one key)."""
    return fold(text).replace(" ", "").replace(".", "")


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
                    lookup.setdefault(name_key(text), prog.name)

    @property
    def names(self) -> list[str]:
        return [p.name for p in self.programmes]

    def match(self, text: str) -> str | None:
        """The programme a file's cell means (case, accents and spaces ignored), or None."""
        return self._lookup.get(name_key(text))

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
        raise MonitorError(t("programmes.not_table", source=source))
    entries = data.get("programme", [])
    if not isinstance(entries, list) or not entries:
        raise MonitorError(t("programmes.none", source=source))
    found: list[Programme] = []
    seen: dict[str, str] = {}
    for i, entry in enumerate(entries, start=1):
        where = t("programmes.where", source=source, number=i)
        if not isinstance(entry, dict):
            raise MonitorError(t("programmes.not_entry", where=where))
        unknown = set(entry) - {"name", "aliases"}
        if unknown:
            raise MonitorError(
                t("programmes.unknown_fields", where=where, fields=", ".join(sorted(unknown)))
            )
        name = entry.get("name")
        if isinstance(name, str):
            name = {"nl": name}
        if not isinstance(name, dict) or not str(name.get("nl") or "").strip():
            raise MonitorError(t("programmes.no_name", where=where))
        nl = str(name["nl"]).strip()
        if len(nl) > 120:
            raise MonitorError(t("programmes.name_too_long", where=where, name=nl[:40], limit=120))
        aliases = entry.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise MonitorError(t("programmes.bad_aliases", where=where))
        for text in (nl, *aliases):
            key = name_key(text)
            if key in seen and seen[key] != nl:
                raise MonitorError(
                    t("programmes.name_taken", where=where, name=text, programme=seen[key])
                )
            seen[key] = nl
        en = name.get("en")
        found.append(Programme(nl, str(en).strip() if en else None, tuple(aliases)))
    if len({p.name for p in found}) != len(found):
        raise MonitorError(t("programmes.twice", source=source))
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
        raise MonitorError(t("file.missing", path=path))
    try:
        data = read_toml(path)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise MonitorError(t("programmes.bad_toml", name=path.name, error=exc)) from exc
    return _programmes(data, path.name)


def save_programmes(store: Store, programmes: Programmes, actor: str) -> None:
    """Keep a programme list in the database: every worker and the CLI then use it. The
    list decides which budget lines pass, so the change is audited, in one transaction."""
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
        t("programmes.setting_source", setting=PROGRAMMES_SETTING),
    )


def population_indicator(store: Store, programmes: Programmes | None = None) -> str | None:
    """The indicator that counts inhabitants for amounts per inhabitant."""
    programmes = programmes or load_programmes(store)
    return programmes.population_indicator or store.get_setting("population_indicator")


def slug(name: str) -> str:
    """A programme name as a URL- and id-safe word: "Werk, inkomen en economie" →
    "werk-inkomen-en-economie" (names may hold commas, which URL lists use)."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")
