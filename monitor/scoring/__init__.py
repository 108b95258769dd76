"""NAP scoring: classes for every indicator, period and level at once.

``compute`` (pure, vectorised) turns areas, current values and the catalogue into score
groups and rows; ``materialise`` stores them when data changes, in the same transaction;
``read`` serves them to pages, the CLI and the API; other methods and references are
computed on demand by the same code (``scorer.Scorer``). ``methods`` holds the table of
classification methods (measure, inside, band limits: used by trends too), ``spread``
and ``coverage`` the two rules that decide whether a group gets colours at all. The
method is written out in ``docs/method.md``.

Importing this package registers the rescorer with the store (see ``Store.begin``).
"""

from monitor.scoring.materialise import begin_first_import, refresh
from monitor.scoring.methods import (
    ABSOLUTE_BANDS,
    CLASSES,
    DEFAULT_BANDS,
    FOLD,
    ROUND,
    Z95,
    Z_OUTER,
    Classified,
    fold,
    resolve_band,
)
from monitor.scoring.scorer import (
    OUTPUT_FIELDS,
    UNCERTAIN,
    Scorer,
    classify,
    nap_source_label,
    records,
    score,
    standard_error,
    uncertain,
)
from monitor.store import RESCORERS, published

__all__ = [
    "ABSOLUTE_BANDS",
    "CLASSES",
    "DEFAULT_BANDS",
    "FOLD",
    "OUTPUT_FIELDS",
    "ROUND",
    "UNCERTAIN",
    "Z95",
    "Z_OUTER",
    "Classified",
    "Scorer",
    "classify",
    "fold",
    "nap_source_label",
    "records",
    "resolve_band",
    "score",
    "standard_error",
    "uncertain",
]

if refresh not in RESCORERS:
    RESCORERS.append(refresh)
if begin_first_import not in published.BEFORE_INSERT:
    published.BEFORE_INSERT.append(begin_first_import)
