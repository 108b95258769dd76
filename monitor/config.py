"""Runtime configuration, read from environment variables.

Everything a deployment changes (database, tile server, language) is an environment
variable, so the same code runs on a laptop with SQLite and on a server with
PostgreSQL under gunicorn.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

#: Default basemap: PDOK BRT-Achtergrondkaart, grey variant (WMTS, web mercator).
DEFAULT_TILE_URL = (
    "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/grijs/EPSG:3857/{z}/{x}/{y}.png"
)


#: Postcode and address search: the PDOK Locatieserver (version 3.1).
DEFAULT_GEOCODER_URL = "https://api.pdok.nl/bzk/locatieserver/search/v3_1"


@dataclass(frozen=True)
class Settings:
    """Resolved settings for one process."""

    database_url: str
    data_dir: Path
    tile_url: str
    language: str
    redis_url: str | None
    #: Read-only pages for anyone without a login (the demo); off for a real deployment.
    public_read: bool
    #: Session and CSRF cookies only over HTTPS; off only for plain http on 127.0.0.1.
    cookie_secure: bool
    #: Signs session cookies; None: generated once and kept in ``data_dir/secret_key``.
    secret_key: str | None
    #: A login lasts at most this long, and ends after this long without a request.
    session_hours: float
    session_idle_minutes: float
    #: Reverse proxies in front of the app whose X-Forwarded-For is trusted (for the
    #: remote address that login rate limiting counts per).
    trusted_proxies: int
    #: Single sign-on (OpenID Connect, see ``web/sso.py``); off while the issuer is empty.
    oidc_issuer: str = ""
    oidc_client_id: str = ""
    #: Empty for a public client (PKCE only).
    oidc_client_secret: str = ""
    oidc_scopes: str = "openid profile email"
    #: The ID token claim with the user's groups (a dotted path reaches into an object).
    oidc_role_claim: str = "groups"
    #: ``group=role`` pairs, separated by commas (or by semicolons when a group has commas).
    oidc_roles: str = ""
    #: Role for a user in none of the groups; empty: refuse the login.
    oidc_default_role: str = ""
    #: Let a single sign-on login use an existing account that has a password.
    oidc_link_local: bool = False
    #: The callback URL registered at the identity provider; empty: derived from the request.
    oidc_redirect_uri: str = ""
    #: Postcode and address search (PDOK Locatieserver or a server in its format); empty: off.
    geocoder_url: str = ""
    #: Staged files never published and login attempts are pruned past these ages (days;
    #: ``monitor prune``, and the app once a day: see ``monitor.prune``).
    prune_staged_days: float = 7.0
    prune_attempts_days: float = 30.0
    #: PDFs of many areas' profiles (``monitor.jobs.profiles_pdf``) are pruned past this age.
    prune_pdf_days: float = 1.0
    #: The gemeente (code) the Kaart opens on in a store with several; empty: the store
    #: setting ``kaart_gemeente``, else the first by name.
    kaart_gemeente: str = ""
    #: Worker processes that read and score the passes of ``monitor scores rebuild`` on
    #: a store of several passes (``monitor.scoring.passes``); 0: in its own process.
    rebuild_workers: int = 2


def data_dir() -> Path:
    """The folder that holds the local store (SQLite file) and stored uploads."""
    return Path(os.environ.get("MONITOR_DATA_DIR", PROJECT_ROOT / "data"))


def get_settings() -> Settings:
    """Read settings from the environment at call time (tests change it per test); built
    once per set of ``MONITOR_*`` values, and looked up once per request (a page asks a
    dozen times; walking the environment each time cost more than the page's queries)."""
    from monitor.store import request_memo  # the store package imports this module

    return request_memo.memoised(_settings, _from_environment)


def _from_environment() -> Settings:
    found = tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith("MONITOR_")))
    return _settings(found)


@lru_cache(maxsize=32)
def _settings(_environment: tuple[tuple[str, str], ...]) -> Settings:
    folder = data_dir()
    url = os.environ.get("MONITOR_DATABASE_URL") or f"sqlite:///{folder / 'monitor.sqlite'}"
    return Settings(
        database_url=url,
        data_dir=folder,
        tile_url=os.environ.get("MONITOR_TILE_URL", DEFAULT_TILE_URL),
        language=os.environ.get("MONITOR_LANG", "nl"),
        redis_url=os.environ.get("MONITOR_REDIS_URL") or None,
        public_read=_flag("MONITOR_PUBLIC_READ", False),
        cookie_secure=_flag("MONITOR_COOKIE_SECURE", True),
        secret_key=os.environ.get("MONITOR_SECRET_KEY") or None,
        session_hours=float(os.environ.get("MONITOR_SESSION_HOURS", "8")),
        session_idle_minutes=float(os.environ.get("MONITOR_SESSION_IDLE_MINUTES", "60")),
        trusted_proxies=int(os.environ.get("MONITOR_TRUSTED_PROXIES", "0")),
        oidc_issuer=os.environ.get("MONITOR_OIDC_ISSUER", "").strip(),
        oidc_client_id=os.environ.get("MONITOR_OIDC_CLIENT_ID", "").strip(),
        oidc_client_secret=os.environ.get("MONITOR_OIDC_CLIENT_SECRET", ""),
        oidc_scopes=os.environ.get("MONITOR_OIDC_SCOPES", "").strip() or "openid profile email",
        oidc_role_claim=os.environ.get("MONITOR_OIDC_ROLE_CLAIM", "").strip() or "groups",
        oidc_roles=os.environ.get("MONITOR_OIDC_ROLES", ""),
        oidc_default_role=os.environ.get("MONITOR_OIDC_DEFAULT_ROLE", "").strip(),
        oidc_link_local=_flag("MONITOR_OIDC_LINK_LOCAL", False),
        oidc_redirect_uri=os.environ.get("MONITOR_OIDC_REDIRECT_URI", "").strip(),
        geocoder_url=os.environ.get("MONITOR_GEOCODER_URL", DEFAULT_GEOCODER_URL).strip(),
        prune_staged_days=_days("MONITOR_PRUNE_STAGED_DAYS", 7.0),
        prune_attempts_days=_days("MONITOR_PRUNE_ATTEMPTS_DAYS", 30.0),
        prune_pdf_days=_days("MONITOR_PRUNE_PDF_DAYS", 1.0),
        kaart_gemeente=os.environ.get("MONITOR_KAART_GEMEENTE", "").strip(),
        rebuild_workers=_count("MONITOR_REBUILD_WORKERS", 2),
    )


def _count(name: str, default: int) -> int:
    """A count (0 or more); anything unreadable keeps the default."""
    try:
        value = int(os.environ.get(name, "").strip() or default)
    except ValueError:
        return default
    return value if value >= 0 else default


def _days(name: str, default: float) -> float:
    """An age in days (at least one hour); anything unreadable keeps the default."""
    try:
        value = float(os.environ.get(name, "").strip() or default)
    except ValueError:
        return default
    return value if value >= 1 / 24 else default


def _flag(name: str, default: bool) -> bool:
    """A yes/no environment variable; anything unrecognised keeps the default."""
    value = os.environ.get(name, "").strip().lower()
    if value in ("1", "true", "ja", "yes", "on"):
        return True
    if value in ("0", "false", "nee", "no", "off"):
        return False
    return default
