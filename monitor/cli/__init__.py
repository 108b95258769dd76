"""The ``monitor`` command line: set up the store, import, score and export.

Every command prints a Dutch message and exits non-zero on bad input; tracebacks are
for bugs only. Long work shows a progress indicator. One module per command group;
importing them registers their commands on the apps of :mod:`monitor.cli.apps`, in the
order ``monitor --help`` lists them.
"""

from __future__ import annotations

import sys

# isort: off
# Registration order is the order of ``monitor --help``.
from monitor.cli import setup, imports, uploads, catalog, scores, export  # noqa: F401
from monitor.cli import agenda, status, users, polarity, opendata, prune, worker  # noqa: F401
from monitor.cli import crosswalk, pdf, points, points_table, wijktypen  # noqa: F401

# isort: on
import sqlalchemy as sa

from monitor.cli.apps import app
from monitor.cli.output import err, safe_url
from monitor.config import get_settings
from monitor.errors import MonitorError
from monitor.messages import t

__all__ = ["app", "main"]


def main() -> None:
    """Entry point: Dutch error messages instead of tracebacks for user errors."""
    try:
        app()
    except MonitorError as exc:
        err.print(t("cli.error", error=exc))
        sys.exit(1)
    except LookupError as exc:
        err.print(t("cli.error", error=exc.args[0] if exc.args else exc))
        sys.exit(1)
    except sa.exc.OperationalError as exc:
        # The database is down or the URL is wrong: one Dutch line, not a traceback.
        url = safe_url(get_settings().database_url)
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0][:200]
        err.print(t("cli.error", error=t("cli.db_unreachable", url=url, reason=reason)))
        sys.exit(2)
