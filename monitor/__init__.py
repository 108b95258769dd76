"""Buurtmonitor core library: areas, indicators, meetingen and NAP scoring.

This package never imports Dash; the app in ``layouts/`` and ``app.py`` calls into it.
"""

__version__ = "0.1.0"

# Scores are recomputed inside every transaction that changes what they are computed
# from; importing the engine registers that with the store (see ``Store.begin``).
from monitor import scoring as _scoring  # noqa: F401
from monitor.arrow_pool import use_system_allocator

use_system_allocator()
