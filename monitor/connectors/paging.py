"""Following the next links of a paged open-data answer: one page limit, one error.

Three services page their answers three ways: CBS's OData (``odata.nextLink`` or
``@odata.nextLink``, and for a server without them the next ``$skip``), PDOK's OGC API
Features (a ``links`` entry of rel ``next``) and Amsterdam's DSO API (HAL
``_links.next.href``). Each connector says how to find its next page; this module
follows them the same way for all three:

- at most :data:`MAX_PAGES` pages: a service that still names a next page after that
  is refused with :class:`PagingError` (``opendata.paging_too_many``), never cut off
  silently with half the rows;
- a next link that points to a page already read (a loop) is refused with
  :class:`PagingError` (``opendata.paging_loop``) before it is asked again.

Pages come from :func:`monitor.connectors.download.fetch_json`, cached with their URL
and date as provenance.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from monitor.connectors import download
from monitor.connectors.download import Download, full_url
from monitor.errors import MonitorError
from monitor.messages import t

#: Pages one import follows at most. The largest real case, the whole BBGA through the
#: API at 5,000 records a page, is a few hundred pages; the KWB of the whole country
#: (about 17,000 rows at 10,000 a page) and PDOK's 14,000 buurten (1,000 a page) far less.
MAX_PAGES = 2_000

#: What a connector's next-page function returns: nothing (the last page), the next
#: URL (its query included), or a URL with the query parameters to add.
Next = str | tuple[str, dict[str, Any] | None] | None


class PagingError(MonitorError):
    """A paged answer that does not end: too many pages, or a next link in a loop."""


def pages(
    url: str,
    params: dict[str, Any] | None,
    next_page: Callable[[Download], Next],
    *,
    data_dir: Path | None = None,
    refresh: bool = False,
) -> Iterator[Download]:
    """Every page from ``url`` (with ``params``) on, following ``next_page`` (called on
    each page after the caller has read it). Raises :class:`PagingError` on a loop or
    when a next page is named after :data:`MAX_PAGES` pages."""
    first = full_url(url, params)
    seen: set[str] = set()
    limit = MAX_PAGES
    current: tuple[str, dict[str, Any] | None] | None = (url, params)
    while current is not None:
        address = full_url(*current)
        if address in seen:
            raise PagingError(t("opendata.paging_loop", url=first, page=address, pages=len(seen)))
        if len(seen) >= limit:
            raise PagingError(t("opendata.paging_too_many", url=first, pages=limit))
        page = download.fetch_json(current[0], current[1], data_dir=data_dir, refresh=refresh)
        seen.add(address)
        seen.add(page.url)
        yield page
        following = next_page(page)
        if isinstance(following, str):
            current = (following, None) if following else None
        else:
            current = following if following and following[0] else None
