"""CBS region codes: ``GM0363`` (gemeente), ``WK036300`` (wijk), ``BU03630000`` (buurt).

The level and every parent of an area follow from its code alone: the first four digits
are the gemeente, the next two the wijk, the last two the buurt (letters occur in the
wijk and buurt parts of large gemeenten). CBS tables pad codes with spaces
(``"GM0363    "``); :func:`clean_code` takes them off.
"""

from __future__ import annotations

import re
from typing import Any

from monitor.errors import MonitorError
from monitor.messages import t

PREFIX_LEVEL = {"GM": "gemeente", "WK": "wijk", "BU": "buurt"}
_CODE = re.compile(r"^(GM\d{4}|WK\d{4}[0-9A-Z]{2}|BU\d{4}[0-9A-Z]{4})$")


def clean_code(value: Any) -> str:
    """A code without padding, in capitals (``" bu03630000 "`` → ``BU03630000``)."""
    return "" if value is None else str(value).strip().upper()


def is_code(value: Any) -> bool:
    return bool(_CODE.match(clean_code(value)))


def level_of(code: str) -> str | None:
    """``gemeente``, ``wijk`` or ``buurt`` for a CBS code; None for anything else (NL00)."""
    code = clean_code(code)
    return PREFIX_LEVEL[code[:2]] if is_code(code) else None


def gemeente_of(code: str) -> str:
    return "GM" + clean_code(code)[2:6]


def wijk_of(code: str) -> str:
    return "WK" + clean_code(code)[2:8]


def parents(code: str) -> dict[str, str | None]:
    """The parent codes of an area as the store's columns (``wijk_code``, ``gemeente_code``)."""
    level = level_of(code)
    return {
        "wijk_code": wijk_of(code) if level == "buurt" else None,
        "gemeente_code": gemeente_of(code) if level else None,
    }


def gemeente_codes(values: list[str] | None) -> list[str]:
    """Gemeente codes as given on the command line: ``GM0363``, ``gm0363`` or ``0363``."""
    found = []
    for value in values or []:
        code = clean_code(value)
        code = f"GM{code}" if code.isdigit() and len(code) <= 4 else code
        code = f"GM{code[2:].zfill(4)}" if code.startswith("GM") and code[2:].isdigit() else code
        if level_of(code) != "gemeente":
            raise MonitorError(t("opendata.bad_gemeente", value=value))
        found.append(code)
    return sorted(set(found))
