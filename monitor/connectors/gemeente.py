"""One command to a working monitor of one gemeente: boundaries and Kerncijfers.

``monitor start-gemeente GM0599`` loads the gemeente, its wijken and buurten from the
PDOK wijk- en buurtkaart, then the CBS Kerncijfers wijken en buurten of the same year
through the normal upload path (validation, versioned publish, score rebuild), and makes
the gebiedsindeling the active one, so the app opens on it. A gebiedsindeling may hold
more gemeenten (run it again for another one): each buurt is scored against its own
gemeente, and the app shows all of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from monitor.connectors import codes
from monitor.connectors.kwb import KwbResult, import_kwb
from monitor.connectors.pdok import PdokResult, division_name, import_wijkenbuurten
from monitor.store import Store


@dataclass
class StartResult:
    gemeente: str
    division: str
    areas: PdokResult
    kwb: KwbResult
    #: Other gemeenten in the same gebiedsindeling (the app shows them too).
    others: list[str]


def start_gemeente(
    store: Store,
    gemeente: str,
    jaar: int = 2024,
    *,
    url_pdok: str | None = None,
    url_cbs: str | None = None,
    bestand_pdok: list[Path] | None = None,
    bestand_cbs: Path | None = None,
    division: str | None = None,
    uploader: str = "start-gemeente",
    data_dir: Path | None = None,
    refresh: bool = False,
) -> StartResult:
    """Boundaries and KWB of ``gemeente`` for ``jaar``, loaded and scored; returns what
    was done. Values CBS has corrected since an earlier run replace the old ones."""
    (code,) = codes.gemeente_codes([gemeente])
    division = division or division_name(jaar)
    areas = import_wijkenbuurten(
        store,
        jaar,
        [code],
        url=url_pdok,
        bestand=bestand_pdok,
        division=division,
        data_dir=data_dir,
        refresh=refresh,
    )
    store.set_setting("active_division", division)
    kwb = import_kwb(
        store,
        jaar,
        [code],
        url=url_cbs,
        bestand=bestand_cbs,
        division=division,
        uploader=uploader,
        confirm_changes=True,
        data_dir=data_dir,
        refresh=refresh,
    )
    frame = store.areas_frame(store.division_id(division), "gemeente")
    others = sorted(c for c in frame["code"] if c != code)
    return StartResult(code, division, areas, kwb, others)
