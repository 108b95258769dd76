"""Open-data connectors: any Dutch gemeente from the sources every gemeente shares.

- :mod:`monitor.connectors.pdok`: boundaries of the CBS/PDOK wijk- en buurtkaart (OGC API
  Features or a downloaded GeoPackage/GeoJSON) through :func:`monitor.areas.write_areas`;
- :mod:`monitor.connectors.kwb`: CBS Kerncijfers wijken en buurten (OData or a
  downloaded CSV/JSON) through the meetingen upload path of :mod:`monitor.ingest.upload`;
- :mod:`monitor.connectors.gemeente`: both for one gemeente, in one call;
- :mod:`monitor.connectors.download`: fetching with a cache under the data dir, the URL
  and date kept as provenance.

Every connector takes a base URL, so tests run them against a local stand-in server.
Core code: no web framework, no SQL (the store and the importers do that).
"""

from monitor.connectors.gemeente import StartResult, start_gemeente
from monitor.connectors.kwb import KwbResult, import_kwb
from monitor.connectors.pdok import PdokResult, import_wijkenbuurten

__all__ = [
    "KwbResult",
    "PdokResult",
    "StartResult",
    "import_kwb",
    "import_wijkenbuurten",
    "start_gemeente",
]
