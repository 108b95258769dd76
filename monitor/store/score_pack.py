"""The packed layout of a score group's rows: one blob per group, not one row per area.

A group (indicator × period × level × reference area) holds a row for every area of its
level under its reference; a national store has a million groups and 17.6 million rows.
Stored as one database row each, writing, indexing and deleting them was most of a
whole rebuild. Packed, a group's rows are fixed-width little-endian records
(:data:`RECORD`, 72 bytes) sorted by area id, in one blob beside the group: a whole
group is read in one piece, and one area's record with a ``substr`` at its position.

Class and reason are small codes into :data:`KLASSEN` and :data:`REASONS`. Both lists
are **append only**: stored blobs name their texts by position. A text not in them
(a reason can be any measurement's flag, :mod:`monitor.scoring.cross`) is kept in the
group's own list of extra texts (``reasons``, JSON), its code counted on from the end
of the fixed list.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

#: One area's score in a group. ``origin`` 0: measured for the area, 1: aggregated from
#: the areas below it. ``upload_id`` −1 and ``origin`` −1: missing. 72 bytes,
#: every float at a multiple of 8 (copying columns into aligned fields is five times as
#: fast as into a packed 68-byte record); ``spare`` is zero.
RECORD = np.dtype(
    [
        ("area_id", "<i4"),
        ("upload_id", "<i4"),
        ("value", "<f8"),
        ("n", "<f8"),
        ("z", "<f8"),
        ("measure", "<f8"),
        ("ci_low", "<f8"),
        ("ci_high", "<f8"),
        ("population", "<f8"),
        ("origin", "i1"),
        ("klasse", "u1"),
        ("reden_code", "<u2"),
        ("spare", "<u4"),
    ]
)
WIDTH = RECORD.itemsize
#: The version of :data:`RECORD`. A change of the record (not an appended class or
#: reason) raises it and comes with a migration of the stored blobs; revision 0013 packs
#: with this module and refuses to run on another version than its own
#: (``tests/test_score_pack.py`` pins each version's record).
LAYOUT = 1
#: The fields of a record that are floats as they are.
FLOATS = ["value", "n", "z", "measure", "ci_low", "ci_high", "population"]

#: Class texts by code (append only). A copy of ``monitor.scoring.CLASSES`` as it was
#: when the layout was made, not an import: stored codes must not move when scoring
#: orders its classes otherwise (a test checks every class is here).
KLASSEN = (
    "veel_beter",
    "beter",
    "rond",
    "slechter",
    "veel_slechter",
    "meer",
    "minder",
    "niet_gekleurd",
    "geen_gegevens",
)
#: Reason codes by code (append only); "" is a usable value's reason when a method gives none.
REASONS = (
    "",
    "z",
    "z5",
    "relatief",
    "absoluut",
    "index",
    "niet_significant",
    "geen_meting",
    "geen_nap",
    "geen_spreiding",
    "spreiding_geweigerd",
    "nap_nul",
    "leeg",
    "onderdrukt",
    "onvolledig",
    "niet_gekleurd",
    "te_weinig_inwoners",
    "te_weinig_respondenten",
    "te_weinig_vergelijkbaar",
    "afgetopt",
    "prognose",
)


@dataclass
class Packed:
    """Per group (by position): its blob, its extra texts (JSON, None: none) and how many
    of its rows are of the area's own measurements (origin 0)."""

    blobs: list[bytes]
    extras: list[str | None]
    own: np.ndarray


def pack(rows: pd.DataFrame, count: int) -> Packed:
    """Pack score rows (``group`` = a position below ``count``, ``area_id`` and the row
    fields of :data:`RECORD`) into one blob per group, records sorted by area id."""
    group = rows["group"].to_numpy(dtype="int64")
    area = rows["area_id"].to_numpy(dtype="int64")
    key = (group << 32) | area
    order = None if key.size < 2 or bool((key[1:] > key[:-1]).all()) else np.argsort(key)
    if order is not None:
        group, area = group[order], area[order]

    def column(name: str) -> np.ndarray:
        values = rows[name].to_numpy(dtype="float64", na_value=np.nan)
        return values if order is None else values[order]

    records = np.empty(len(rows), dtype=RECORD)
    records["area_id"] = area
    records["spare"] = 0
    for name in FLOATS:
        records[name] = column(name)
    for name in ("upload_id", "origin"):
        values = column(name)
        records[name] = np.where(np.isnan(values), -1, values)
    extras: list[str | None] = [None] * count
    klasse = _texts(rows["klasse"], order)
    reason = _texts(rows["reden_code"], order)
    records["klasse"], unknown_klasse = _fixed_codes(klasse, KLASSEN)
    records["reden_code"], unknown_reason = _fixed_codes(reason, REASONS)
    unknown = unknown_klasse | unknown_reason
    if unknown.any():
        _extra_codes(records, group, klasse, reason, unknown, extras)
    data = records.tobytes()
    sizes = np.bincount(group, minlength=count) * WIDTH
    ends = np.cumsum(sizes)
    starts = ends - sizes
    blobs = [data[a:b] for a, b in zip(starts.tolist(), ends.tolist(), strict=True)]
    own = np.bincount(group[records["origin"] == 0], minlength=count)
    return Packed(blobs, extras, own)


def _texts(column: pd.Series, order: np.ndarray | None) -> np.ndarray:
    values = column.to_numpy(dtype=object)
    return values if order is None else values[order]


def _fixed_codes(texts: np.ndarray, vocabulary: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Codes of ``texts`` in ``vocabulary`` and where a text is not in it."""
    codes, uniques = pd.factorize(texts)
    position = {text: k for k, text in enumerate(vocabulary)}
    mapped = np.array([position.get(u, -1) for u in uniques] or [-1], dtype="int64")
    found = mapped[codes]
    return np.maximum(found, 0), found < 0


def _extra_codes(
    records: np.ndarray,
    group: np.ndarray,
    klasse: np.ndarray,
    reason: np.ndarray,
    unknown: np.ndarray,
    extras: list[str | None],
) -> None:
    """Codes for texts outside the fixed lists, per group: the group's extras list holds
    them (sorted) and a code is the fixed list's length plus a position in it. Python
    works per such row only (flags are rare)."""
    bases = {"klasse": len(KLASSEN), "reden_code": len(REASONS)}
    texts = {"klasse": klasse, "reden_code": reason}
    fixed = {"klasse": set(KLASSEN), "reden_code": set(REASONS)}
    per_group: dict[int, set[str]] = {}
    rows = np.flatnonzero(unknown)
    for k in rows.tolist():
        for name in bases:
            text = texts[name][k]
            if text not in fixed[name]:
                per_group.setdefault(int(group[k]), set()).add(str(text))
    local = {g: sorted(found) for g, found in per_group.items()}
    for g, found in local.items():
        extras[g] = json.dumps(found, ensure_ascii=False)
    for k in rows.tolist():
        listed = local[int(group[k])]
        for name, base in bases.items():
            text = texts[name][k]
            if text not in fixed[name]:
                records[name][k] = base + listed.index(str(text))


def unpack(
    group_ids: Sequence[int], blobs: Sequence[bytes], extras: Sequence[str | None]
) -> pd.DataFrame:
    """The rows of packed groups: columns group_id, area_id and the row fields (numbers
    as floats, missing: NaN; class and reason as texts), group by group in area order."""
    return pd.DataFrame(unpack_columns(group_ids, blobs, extras))


def unpack_columns(
    group_ids: Sequence[int], blobs: Sequence[bytes], extras: Sequence[str | None]
) -> dict[str, np.ndarray]:
    """:func:`unpack` as arrays by column name (no frame: for a reader that picks a few)."""
    sizes = np.fromiter((len(b) // WIDTH for b in blobs), dtype="int64", count=len(blobs))
    records = np.frombuffer(b"".join(blobs), dtype=RECORD)
    frame = {
        "group_id": np.repeat(np.asarray(group_ids, dtype="int64"), sizes),
        "area_id": records["area_id"].astype("int64"),
    }
    for name in FLOATS:
        frame[name] = records[name].astype("float64")
    texts = {
        "klasse": _decode(records["klasse"], KLASSEN),
        "reden_code": _decode(records["reden_code"], REASONS),
    }
    if any(e is not None for e in extras):
        _decode_extras(records, sizes, extras, texts)
    frame |= texts
    for name in ("upload_id", "origin"):
        values = records[name].astype("float64")
        frame[name] = np.where(values < 0, np.nan, values)
    return frame


def _decode(codes: np.ndarray, vocabulary: tuple[str, ...]) -> np.ndarray:
    table = np.array([*vocabulary, None], dtype=object)
    return table[np.minimum(codes.astype("int64"), len(vocabulary))]


def _decode_extras(
    records: np.ndarray,
    sizes: np.ndarray,
    extras: Sequence[str | None],
    texts: dict[str, np.ndarray],
) -> None:
    ends = np.cumsum(sizes)
    bases = {"klasse": len(KLASSEN), "reden_code": len(REASONS)}
    for position, listed in enumerate(extras):
        if listed is None:
            continue
        words = json.loads(listed)
        start, end = int(ends[position] - sizes[position]), int(ends[position])
        for name, base in bases.items():
            codes = records[name][start:end].astype("int64")
            for k in np.flatnonzero(codes >= base).tolist():
                texts[name][start + k] = words[codes[k] - base]


def record_at(position: int) -> tuple[int, int]:
    """(start, length) of the record at ``position`` in a blob, 1-based for ``substr``."""
    return position * WIDTH + 1, WIDTH
