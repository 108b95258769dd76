"""pyarrow's memory pool: the system's ``malloc`` rather than pyarrow's own allocator.

pyarrow allocates the cells of every parsed file and every text column pandas keeps as
Arrow strings from its default pool (mimalloc in the pinned pyarrow). That allocator hands
freed pages back to the system soon and takes them again on the next large column, page
fault by page fault: checking the benchmark's million-row upload (parse, validate,
preview; repeated in one process) took 0.80–0.90 s in the median run with it and
0.53–0.58 s with the system's allocator, whose best runs are as fast. Called once when
``monitor`` is imported; an ``ARROW_DEFAULT_MEMORY_POOL`` set in the environment wins.
"""

from __future__ import annotations

import os

import pyarrow as pa


def use_system_allocator() -> None:
    """Make the system's allocator pyarrow's default pool (unless the environment chose)."""
    if "ARROW_DEFAULT_MEMORY_POOL" not in os.environ:
        pa.set_memory_pool(pa.system_memory_pool())
