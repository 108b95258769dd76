"""One way of following next links for the three paged sources (review finding): CBS
OData (``odata.nextLink`` / ``@odata.nextLink`` / the next ``$skip``), PDOK OGC API
Features (``links`` rel ``next``) and the BBGA's DSO API (HAL ``_links.next.href``).
A next link that goes round in a loop and a source that never stops both end in the same
Dutch error (:class:`monitor.connectors.paging.PagingError`), never in half the rows.

The pages are made up by a fake ``fetch_json`` that answers every address (no network).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from monitor.connectors import bbga_api, kwb, paging, pdok
from monitor.connectors.download import Download, full_url

BASE = "http://stand-in.invalid"


class Fake:
    """``fetch_json`` answering ``page(number, address)`` for the n-th request."""

    def __init__(self, page: Callable[[int, str, list[str]], dict[str, Any]]) -> None:
        self.page = page
        self.asked: list[str] = []

    def __call__(self, url: str, params: dict | None = None, **_: object) -> Download:
        address = full_url(url, params)
        self.asked.append(address)
        data = self.page(len(self.asked), address, self.asked)
        return Download(address, "2026-12-05T12:00:00+00:00", data, cached=False)


def _next(n: int, asked: list[str], loop: bool) -> str:
    """The next page's address: page n+1, or (looping) page 1 again after page 2."""
    if loop and n == 2:
        return asked[0]
    return f"{BASE}/next?page={n + 1}"


def _odata(loop: bool, key: str = "odata.nextLink") -> Callable:
    def page(n: int, address: str, asked: list[str]) -> dict:
        return {"value": [{"WijkenEnBuurten": f"BU0363000{n}"}], key: _next(n, asked, loop)}

    return page


def _ogc(loop: bool) -> Callable:
    def page(n: int, address: str, asked: list[str]) -> dict:
        links = [
            {"rel": "self", "href": address},
            {"rel": "next", "type": "application/geo+json", "href": _next(n, asked, loop)},
        ]
        return {"type": "FeatureCollection", "features": [{"n": n}], "links": links}

    return page


def _hal(loop: bool) -> Callable:
    def page(n: int, address: str, asked: list[str]) -> dict:
        links = {"self": {"href": address}, "next": {"href": _next(n, asked, loop)}}
        return {"_links": links, "_embedded": {"kerncijfers": [{"n": n}]}}

    return page


def _kwb(tmp_path: Path) -> Any:
    return kwb.fetch_records(f"{BASE}/odata", "85984NED", ["GM0363"], data_dir=tmp_path)


def _pdok(tmp_path: Path) -> Any:
    return pdok.fetch_items(f"{BASE}/ogc/v1", "buurten", "GM0363", data_dir=tmp_path)


def _bbga(tmp_path: Path) -> Any:
    return bbga_api.fetch_all(f"{BASE}/bbga/kerncijfers/", {"_pageSize": 1}, data_dir=tmp_path)


FORMATS = {
    "odata-v3": (_odata, _kwb),
    "odata-v4": (lambda loop: _odata(loop, "@odata.nextLink"), _kwb),
    "ogc-api-features": (_ogc, _pdok),
    "hal": (_hal, _bbga),
}


@pytest.mark.parametrize("name", FORMATS)
def test_a_next_link_in_a_loop_is_refused(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages, fetch = FORMATS[name]
    fake = Fake(pages(loop=True))
    monkeypatch.setattr(paging.download, "fetch_json", fake)
    with pytest.raises(paging.PagingError) as raised:
        fetch(tmp_path)
    assert len(fake.asked) == 2  # page 1, page 2; page 1 is not asked again
    message = str(raised.value)
    assert "wijst na 2 pagina's terug naar een pagina die al gelezen is" in message
    assert fake.asked[0] in message


@pytest.mark.parametrize("name", FORMATS)
def test_a_source_that_never_ends_stops_at_the_page_limit(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages, fetch = FORMATS[name]
    fake = Fake(pages(loop=False))
    monkeypatch.setattr(paging.download, "fetch_json", fake)
    monkeypatch.setattr(paging, "MAX_PAGES", 5)
    with pytest.raises(paging.PagingError) as raised:
        fetch(tmp_path)
    assert len(fake.asked) == 5
    assert "noemt na 5 pagina's nog een volgende pagina" in str(raised.value)


def test_odata_full_pages_without_links_stop_at_the_page_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CBS without next links: every full page is followed by the next ``$skip``."""
    fake = Fake(lambda n, address, asked: {"value": [{"WijkenEnBuurten": "BU03630000"}]})
    monkeypatch.setattr(paging.download, "fetch_json", fake)
    monkeypatch.setattr(paging, "MAX_PAGES", 4)
    monkeypatch.setattr(kwb, "PAGE_ROWS", 1)
    with pytest.raises(paging.PagingError):
        _kwb(tmp_path)
    assert [a.count("%24skip=") + a.count("$skip=") for a in fake.asked] == [0, 1, 1, 1]


@pytest.mark.parametrize("name", FORMATS)
def test_pages_that_end_are_all_read(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages, fetch = FORMATS[name]
    three = pages(loop=False)

    def page(n: int, address: str, asked: list[str]) -> dict:
        data = three(n, address, asked)
        if n == 3:  # the last page names no next page, each format its own way
            data.pop("odata.nextLink", None)
            data.pop("@odata.nextLink", None)
            if "links" in data:
                data["links"] = data["links"][:1]
            if "_links" in data:
                data["_links"]["next"] = {"href": None}
        return data

    fake = Fake(page)
    monkeypatch.setattr(paging.download, "fetch_json", fake)
    result = fetch(tmp_path)
    assert len(fake.asked) == 3
    assert len(result[0]) == 3
