"""Runtime configuration, read from environment variables.

Everything a deployment changes (database, tile server, language) is an environment
variable, so the same code runs on a laptop with SQLite and on a server with
PostgreSQL under gunicorn.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

#: Default basemap: PDOK BRT-Achtergrondkaart, grey variant (WMTS, web mercator).
DEFAULT_TILE_URL = (
    "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/grijs/EPSG:3857/{z}/{x}/{y}.png"
)


@dataclass(frozen=True)
class Settings:
    """Resolved settings for one process."""

    database_url: str
    data_dir: Path
    tile_url: str
    language: str
    redis_url: str | None
    #: Publishing and undo from the app's upload page; off until roles exist.
    ui_publish: bool


def data_dir() -> Path:
    """The folder that holds the local store (SQLite file) and stored uploads."""
    return Path(os.environ.get("MONITOR_DATA_DIR", PROJECT_ROOT / "data"))


def get_settings() -> Settings:
    """Read settings from the environment at call time (tests change it per test)."""
    folder = data_dir()
    url = os.environ.get("MONITOR_DATABASE_URL") or f"sqlite:///{folder / 'monitor.sqlite'}"
    return Settings(
        database_url=url,
        data_dir=folder,
        tile_url=os.environ.get("MONITOR_TILE_URL", DEFAULT_TILE_URL),
        language=os.environ.get("MONITOR_LANG", "nl"),
        redis_url=os.environ.get("MONITOR_REDIS_URL") or None,
        ui_publish=os.environ.get("MONITOR_UI_PUBLISH", "").lower() in ("1", "true", "ja", "yes"),
    )
