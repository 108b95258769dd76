"""A local stand-in for PDOK's OGC API Features and CBS's OData API (no internet in tests).

It serves the recorded fixtures in ``tests/pdok/wijken-en-buurten-2024/`` and
``tests/cbs/`` the way the real services page them:

- ``/pdok/wijken-en-buurten-2024/ogc/v1/collections/<gemeenten|wijken|buurten>/items``:
  GeoJSON FeatureCollections of at most :data:`PDOK_PAGE` features (a server caps
  ``limit``), filtered on ``gemeentecode`` when asked, with a ``links`` entry of rel
  ``next`` (absolute ``href`` with a ``cursor``) while more follow;
- ``/cbs/ODataApi/odata/<table>/TypedDataSet``: OData v3 JSON (``value``) of at most
  :data:`CBS_PAGE` rows, filtered on ``$filter=startswith(WijkenEnBuurten,'GM0363') or …``,
  with ``odata.nextLink``; under ``/cbs-v4/`` the same with ``@odata.nextLink``; under
  ``/cbs-top/`` no next links, only ``$top`` rows from ``$skip``.

Yields the base URL and the list of every request path with its query.
"""

from __future__ import annotations

import http.server
import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlparse

HERE = Path(__file__).resolve().parent
PDOK_PAGE = 2
CBS_PAGE = 4
BBGA_PAGE = 4
_BBGA = re.compile(r"^/bbga/v1/bbga/(kerncijfers|indicatoren_definities)/$")
_PDOK = re.compile(
    r"^/(pdok|pdok-strict)/wijken-en-buurten-(\d{4})/ogc/v1/collections/(\w+)/items$"
)
_CBS = re.compile(r"^/(cbs|cbs-v4|cbs-top)/ODataApi/odata/(\w+)/TypedDataSet$")
_STARTSWITH = re.compile(r"startswith\(WijkenEnBuurten,'([A-Z0-9]+)'\)")


def _pdok(base: str, jaar: str, name: str, query: dict[str, list[str]]) -> dict | None:
    path = HERE / "pdok" / f"wijken-en-buurten-{jaar}" / f"{name}.json"
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    features = data["features"]
    if "gemeentecode" in query:
        features = [f for f in features if f["properties"]["gemeentecode"] in query["gemeentecode"]]
    limit = min(int(query.get("limit", ["10"])[0]), PDOK_PAGE)
    start = int(query.get("cursor", ["0"])[0])
    page = features[start : start + limit]
    own = f"{base}/wijken-en-buurten-{jaar}/ogc/v1/collections/{name}/items"
    kept = {k: v[0] for k, v in query.items() if k != "cursor"}
    links = [{"rel": "self", "type": "application/geo+json", "href": f"{own}?{urlencode(kept)}"}]
    if start + limit < len(features):
        after = urlencode({**kept, "cursor": start + limit})
        links.append({"rel": "next", "type": "application/geo+json", "href": f"{own}?{after}"})
    return data | {"features": page, "numberReturned": len(page), "links": links}


def _cbs(base: str, flavour: str, table: str, query: dict[str, list[str]]) -> dict | None:
    path = HERE / "cbs" / f"{table}-TypedDataSet.json"
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    rows = data["value"]
    if "$filter" in query:
        prefixes = _STARTSWITH.findall(query["$filter"][0])
        if not prefixes:
            raise ValueError("unsupported $filter")
        rows = [r for r in rows if r["WijkenEnBuurten"].startswith(tuple(prefixes))]
    start = int(query.get("$skip", ["0"])[0])
    if flavour == "cbs-top":  # no next links: at most $top rows from $skip
        top = int(query.get("$top", [str(len(rows))])[0])
        return data | {"value": rows[start : start + top]}
    answer = {k: v for k, v in data.items() if k != "value"} | {
        "value": rows[start : start + CBS_PAGE]
    }
    if start + CBS_PAGE < len(rows):
        kept = {k: v[0] for k, v in query.items() if k != "$skip"}
        after = urlencode({**kept, "$skip": start + CBS_PAGE}, safe="$,'()")
        key = "@odata.nextLink" if flavour == "cbs-v4" else "odata.nextLink"
        answer[key] = f"{base}/{flavour}/ODataApi/odata/{table}/TypedDataSet?{after}"
    return answer


def _bbga(base: str, table: str, query: dict[str, list[str]]) -> dict:
    data = json.loads((HERE / "bbga_api" / f"{table}.json").read_text(encoding="utf-8"))
    records = data["_embedded"][table]
    if "indicatorDefinitieId" in query:
        wanted = query["indicatorDefinitieId"]
        records = [r for r in records if r["indicatorDefinitieId"] in wanted]
    size = min(int(query.get("_pageSize", ["20"])[0]), BBGA_PAGE)
    number = int(query.get("page", ["1"])[0])
    page = records[(number - 1) * size : number * size]
    own = f"{base}/bbga/v1/bbga/{table}/"
    kept = {k: v[0] for k, v in query.items() if k != "page"}

    def link(n: int) -> str:
        return f"{own}?{urlencode({**kept, 'page': n})}"

    links = {
        "self": {"href": link(number)},
        "next": {"href": link(number + 1) if number * size < len(records) else None},
        "previous": {"href": link(number - 1) if number > 1 else None},
    }
    return {
        "_links": links,
        "_embedded": {table: page},
        "page": {"number": number, "size": size, "totalElements": len(records)},
    }


@contextmanager
def opendata_stand_in() -> Iterator[tuple[str, list[str]]]:
    received: list[str] = []
    base_box: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            received.append(self.path)
            url = urlparse(self.path)
            query = parse_qs(url.query)
            base = base_box[0]
            body: dict | None = None
            try:
                if found := _PDOK.match(url.path):
                    if found[1] == "pdok-strict" and "gemeentecode" in query:
                        raise ValueError("no property filters on this server")
                    body = _pdok(f"{base}/{found[1]}", found[2], found[3], query)
                elif found := _CBS.match(url.path):
                    body = _cbs(base, found[1], found[2], query)
                elif found := _BBGA.match(url.path):
                    body = _bbga(base, found[1], query)
            except ValueError:
                self.send_error(400)
                return
            if body is None:
                self.send_error(404)
                return
            raw = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base_box.append(f"http://127.0.0.1:{server.server_address[1]}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base_box[0], received
    finally:
        server.shutdown()
        server.server_close()
