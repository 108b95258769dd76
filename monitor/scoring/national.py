"""The national view: gemeenten (or any level) scored against *Nederland*.

CBS publishes every KWB table with a row for the whole country (``NL00``, ``SoortRegio``
Land); :mod:`monitor.connectors.kwb` keeps its values as *national values*
(``monitor.store.national``). Scored against the country (:data:`NATIONAL`), all areas
of a level form one group: its NAP is the national value of the indicator and year
(``nap_source`` ``landelijke waarde``), else the (weighted) mean of all areas of that
level in the store, under the usual coverage rule. The classes then read "meer dan het
Nederlandse gemiddelde".

One entry point for every reader: :func:`options` turns a reference choice into the
scoring :class:`~monitor.scoring.compute.Options`, so a CLI option or a page that offers
"Nederland" beside "gemeente" only has to pass the word on.
"""

from __future__ import annotations

from dataclasses import replace

from monitor.scoring.compute import Options
from monitor.scoring.reference_areas import NATIONAL, NATIONAL_CODE, NATIONAL_SOURCE

__all__ = ["NATIONAL", "NATIONAL_CODE", "NATIONAL_SOURCE", "is_national", "options"]


def is_national(reference: str | None) -> bool:
    """True for the choice "Nederland" (any case: ``nederland``, ``Nederland``, ``NL00``)."""
    return str(reference or "").strip().casefold() in (NATIONAL, NATIONAL_CODE.casefold())


def options(base: Options | None = None) -> Options:
    """``base`` (default: the materialised options) scored against the country."""
    return replace(base or Options(), reference="stadswaarde", reference_level=NATIONAL)
