"""Buurtmonitor core library: areas, indicators, meetingen and NAP scoring.

This package never imports Dash; the app in ``layouts/`` and ``app.py`` calls into it.
"""

__version__ = "0.1.0"
