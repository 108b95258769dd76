"""The scoring engine: NAP classes for every indicator, period and level at once.

``compute`` (pure, vectorised) turns areas, current values and the catalogue into score
groups and rows; ``materialise`` stores them when data changes, in the same transaction;
``read`` serves them to pages, the CLI and the API; other methods and references are
computed on demand by the same code.
"""

from monitor.engine.materialise import refresh
from monitor.store import RESCORERS

if refresh not in RESCORERS:
    RESCORERS.append(refresh)
