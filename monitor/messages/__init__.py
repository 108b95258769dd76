"""The message catalogue: every text a user reads, in Dutch with an English switch.

Keys are English identifiers; values are format strings. Code elsewhere never holds
user-facing Dutch sentences for views or score explanations, it asks :func:`t`. The
texts live in one module per part of the product (``chrome``, ``scoring``, ``upload``,
``pages``, ``sidebyside``, ``budget``, ``agenda``, ``accounts``, ``areas``, ``catalog``,
``undo``, ``api``, ``cli``, ``opendata``, ``jobs``, ``crosswalk``, ``typology``,
``signals``, ``profile_pdf``, ``wijktypen``, ``points``, ``points_map``, ``periods``);
this module merges them and refuses a key defined twice.
"""

from __future__ import annotations

from typing import Any

from monitor.messages import accounts as _accounts
from monitor.messages import agenda as _agenda
from monitor.messages import api as _api
from monitor.messages import areas as _areas
from monitor.messages import budget as _budget
from monitor.messages import catalog as _catalog
from monitor.messages import chrome as _chrome
from monitor.messages import cli as _cli
from monitor.messages import crosswalk as _crosswalk
from monitor.messages import jobs as _jobs
from monitor.messages import opendata as _opendata
from monitor.messages import pages as _pages
from monitor.messages import periods as _periods
from monitor.messages import points as _points
from monitor.messages import points_map as _points_map
from monitor.messages import profile_pdf as _profile_pdf
from monitor.messages import reference as _reference
from monitor.messages import scoring as _scoring
from monitor.messages import sidebyside as _sidebyside
from monitor.messages import signals as _signals
from monitor.messages import typology as _typology
from monitor.messages import undo as _undo
from monitor.messages import upload as _upload
from monitor.messages import wijktypen as _wijktypen

LANGUAGES = ("nl", "en")


def _merge(*parts: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """One catalogue from the parts; a key defined twice is a mistake, caught at import."""
    merged: dict[str, dict[str, str]] = {}
    for part in parts:
        twice = merged.keys() & part.keys()
        if twice:
            raise RuntimeError(f"message keys defined twice: {sorted(twice)}")
        merged |= part
    return merged


MESSAGES: dict[str, dict[str, str]] = _merge(
    _accounts.MESSAGES,
    _api.MESSAGES,
    _areas.MESSAGES,
    _agenda.MESSAGES,
    _budget.MESSAGES,
    _catalog.MESSAGES,
    _chrome.MESSAGES,
    _cli.MESSAGES,
    _crosswalk.MESSAGES,
    _opendata.MESSAGES,
    _jobs.MESSAGES,
    _pages.MESSAGES,
    _periods.MESSAGES,
    _profile_pdf.MESSAGES,
    _reference.MESSAGES,
    _scoring.MESSAGES,
    _sidebyside.MESSAGES,
    _points.MESSAGES,
    _signals.MESSAGES,
    _points_map.MESSAGES,
    _typology.MESSAGES,
    _undo.MESSAGES,
    _upload.MESSAGES,
    _wijktypen.MESSAGES,
)


#: The reference name of a division with several gemeenten: each area compares with the
#: average of its own gemeente, so a page naming one for all says "de eigen gemeente".
OWN_GEMEENTE = "<eigen gemeente>"
#: The reference name of the national view: the country (``monitor.scoring.national``).
NEDERLAND = "Nederland"


def average_name(gemeente: str | None, lang: str = "nl") -> str:
    """Amsterdam keeps the buurtbegroting's "Amsterdams gemiddelde"; any other
    municipality is compared with its own average, by name."""
    if gemeente == OWN_GEMEENTE:
        return t("average.own", lang)
    if gemeente == NEDERLAND:
        return t("average.nederland", lang)
    if gemeente in (None, "Amsterdam"):
        return t("average.amsterdam", lang)
    return t("average.city", lang, gemeente=gemeente)


def class_label(
    klasse: str, lang: str = "nl", gemeente: str | None = None, *, gemiddelde: str | None = None
) -> str:
    """A class in words, against the municipality's average (see :func:`average_name`),
    or against ``gemiddelde``, a reference named in full
    (:func:`monitor.scoring.reference.average_names`: "gemiddelde van stadsdeel Oost")."""
    if gemiddelde is None:
        gemiddelde = average_name(gemeente, lang)
    return t(f"class.{klasse}", lang, gemiddelde=gemiddelde)


def t(key: str, lang: str = "nl", **params: Any) -> str:
    """The text for ``key`` in ``lang`` (Dutch fallback), formatted with ``params``."""
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    text = (entry.get(lang) if isinstance(lang, str) else None) or entry["nl"]
    return text.format(**params) if params else text


def format_name(fmt: str, lang: str = "nl") -> str:
    """A file format (``long``, ``wide``, ``bbga``, ``auto``) in words ("lang", "breed");
    another kind (``begroting``) as it is."""
    key = f"upload.format.{fmt}"
    return t(key, lang) if key in MESSAGES else fmt
