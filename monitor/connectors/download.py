"""Fetch JSON from an open-data service, with a cache under the data dir as provenance.

Every answer is kept in ``<data_dir>/downloads/<sha256 of the URL>.json`` beside a small
``.meta.json`` holding the URL and when it was fetched (UTC). A second run with the same
URL reads the cache (so an import works again offline), unless ``refresh`` asks for a
new copy. The connectors name the URL and the date in the measurements' source and in
the upload's ``meta``: where a number came from, and when.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import requests

from monitor.config import get_settings
from monitor.errors import MonitorError
from monitor.messages import t

TIMEOUT_SECONDS = 60.0
USER_AGENT = "buurtmonitor (open data connector)"
#: Kept as they are in a query string: OData's ``$filter``, quotes and brackets.
QUERY_SAFE = "$,'()"


class HttpStatusError(MonitorError):
    """The service answered, but not with 200; ``status`` says what it did answer."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Download:
    """One fetched (or cached) JSON answer and where it came from."""

    url: str
    fetched: str  # ISO date-time in UTC
    data: Any
    cached: bool

    @property
    def date(self) -> str:
        return self.fetched[:10]


def full_url(url: str, params: dict[str, Any] | None = None) -> str:
    """``url`` with ``params`` as its query string (added to one it already has)."""
    if not params:
        return url
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}{urlencode(params, safe=QUERY_SAFE)}"


def cache_dir(data_dir: Path | None = None) -> Path:
    return (data_dir or get_settings().data_dir) / "downloads"


def _write_atomic(path: Path, text: str) -> None:
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


def fetch_json(
    url: str,
    params: dict[str, Any] | None = None,
    *,
    data_dir: Path | None = None,
    refresh: bool = False,
) -> Download:
    """The JSON at ``url`` (with ``params``), from the cache when it is there."""
    address = full_url(url, params)
    folder = cache_dir(data_dir)
    key = hashlib.sha256(address.encode()).hexdigest()
    body_path, meta_path = folder / f"{key}.json", folder / f"{key}.meta.json"
    if not refresh and body_path.is_file() and meta_path.is_file():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        data = json.loads(body_path.read_text(encoding="utf-8"))
        return Download(address, meta["opgehaald"], data, cached=True)
    try:
        answer = requests.get(
            address,
            timeout=TIMEOUT_SECONDS,
            headers={"Accept": "application/json", "User-Agent": USER_AGENT},
        )
    except requests.RequestException as exc:
        raise MonitorError(t("opendata.unreachable", url=address, error=exc)) from exc
    if answer.status_code != 200:
        message = t("opendata.http_status", url=address, status=answer.status_code)
        raise HttpStatusError(message, answer.status_code)
    try:
        data = answer.json()
    except ValueError as exc:
        raise MonitorError(t("opendata.not_json", url=address)) from exc
    fetched = datetime.now(UTC).isoformat(timespec="seconds")
    folder.mkdir(parents=True, exist_ok=True)
    _write_atomic(body_path, answer.text)
    _write_atomic(meta_path, json.dumps({"url": address, "opgehaald": fetched}))
    return Download(address, fetched, data, cached=False)
