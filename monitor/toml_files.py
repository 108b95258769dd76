"""The project's TOML files (similar sets, programme lists) read once per version of the
file: pages ask for them on every request, and parsing costs more than the rest of the
lookup. A changed file (another modification time or size) is read again."""

from __future__ import annotations

import copy
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any


def read_toml(path: str | Path) -> dict[str, Any]:
    """The parsed file (a copy: callers may change it). Raises what reading and
    ``tomllib`` raise (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError)."""
    found = Path(path).stat()
    return copy.deepcopy(_parsed(str(path), found.st_mtime_ns, found.st_size))


@lru_cache(maxsize=64)
def _parsed(path: str, _mtime_ns: int, _size: int) -> dict[str, Any]:
    return tomllib.loads(Path(path).read_text(encoding="utf-8"))
