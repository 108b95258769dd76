"""Points (meldingen, voorzieningen): assigned to the buurt they lie in, published as one
upload, and counted into indicators per area and year.

``monitor import punten FILE --soort meldingen`` runs :func:`check_points` (read, check,
point in area) and :func:`publish_points` (store the points and, in the same upload and
transaction, their indicators, so one undo takes both away).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import shapely

from monitor import audit
from monitor.area_geometry import areas_geodataframe
from monitor.errors import MonitorError
from monitor.ingest.points import PointsFile, read_points
from monitor.ingest.upload import store_original
from monitor.messages import t
from monitor.points_indicators import population_values, publish_indicators
from monitor.problems import Problem, ProblemsError
from monitor.store import Store
from monitor.store.point_table import POINT_COLUMNS

#: Points outside every buurt quoted in the report.
SHOWN_OUTSIDE = 5


@dataclass
class CheckedPoints:
    """A points file checked against the division's buurten."""

    name: str
    raw: bytes
    soort: str
    division_id: int
    frame: pd.DataFrame  # inside a buurt: the stored columns and area_id, code, row
    outside: pd.DataFrame  # row, lon, lat (and the fields) of points in no buurt
    problems: list[Problem] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()

    @property
    def categories(self) -> pd.Series:
        """Points per category, most first."""
        return self.frame["category"].value_counts()


def assign(store: Store, division_id: int, frame: pd.DataFrame) -> pd.Series:
    """The buurt (area id) each point lies in (on or inside its full geometry); NaN for a
    point in no buurt. A point on a shared border goes to the buurt with the lowest code.

    No point geometries are made (a million cost more than the test itself): the points
    are sorted by x once, each buurt takes those within its bounding box (two binary
    searches and a mask) and tests them with ``shapely.intersects_xy``, which is the
    same test as an STRtree query with ``intersects``."""
    buurten = areas_geodataframe(store, division_id, "buurt", display=False)
    buurten = buurten[buurten.geometry.notna()].sort_values("code").reset_index(drop=True)
    result = pd.Series(np.nan, index=frame.index)
    if buurten.empty or frame.empty:
        return result
    x, y = frame["lon"].to_numpy(dtype=float), frame["lat"].to_numpy(dtype=float)
    order = np.argsort(x, kind="stable")
    x_sorted, y_sorted = x[order], y[order]
    geometries = buurten.geometry.to_numpy()
    shapely.prepare(geometries)
    bounds = shapely.bounds(geometries)
    starts = np.searchsorted(x_sorted, bounds[:, 0], "left")
    stops = np.searchsorted(x_sorted, bounds[:, 2], "right")
    first = np.full(len(x), len(buurten), dtype="int64")  # the lowest buurt found
    for k, geometry in enumerate(geometries):
        start, stop = starts[k], stops[k]
        ys = y_sorted[start:stop]
        near = order[start:stop][(ys >= bounds[k, 1]) & (ys <= bounds[k, 3])]
        inside = near[shapely.intersects_xy(geometry, x[near], y[near])]
        np.minimum.at(first, inside, k)
    found = first < len(buurten)
    result.iloc[np.flatnonzero(found)] = buurten["id"].to_numpy()[first[found]]
    return result


def check_points(
    store: Store, path: Path, soort: str, division: str | None = None
) -> CheckedPoints:
    """Read and check a points file, and find each point's buurt. Refuses the file
    (ProblemsError, every problem with row, column and value) when anything is wrong;
    points outside every buurt are no error: they are reported and not stored."""
    path = Path(path)
    division_id = store.division_id(division)
    read: PointsFile = read_points(path, soort)
    if read.errors:
        title = t("points.refused", name=path.name, errors=len(read.errors))
        raise ProblemsError(read.problems, title=title)
    if store.areas_frame(division_id, "buurt").empty:
        raise MonitorError(t("points.no_buurten"))
    frame = read.frame
    area_id = assign(store, division_id, frame)
    inside = frame[area_id.notna()].assign(area_id=area_id[area_id.notna()].astype("int64"))
    codes = store.areas_frame(division_id, "buurt").set_index("id")["code"]
    inside["code"] = inside["area_id"].map(codes)
    inside["soort"] = soort
    outside = frame[area_id.isna()]
    return CheckedPoints(
        path.name, path.read_bytes(), soort, division_id, inside, outside, read.problems
    )


def report_lines(checked: CheckedPoints, lang: str = "nl") -> list[str]:
    """The report: points read, inside, outside (with the first rows), per category."""
    lines = [
        t(
            "points.report",
            lang,
            name=checked.name,
            n=len(checked.frame) + len(checked.outside),
            inside=len(checked.frame),
            soort=checked.soort,
        )
    ]
    if len(checked.outside):
        lines.append(t("points.outside", lang, n=len(checked.outside)))
        for row in checked.outside.head(SHOWN_OUTSIDE).itertuples():
            lines.append(
                t(
                    "points.outside_row",
                    lang,
                    row=row.row,
                    lat=f"{row.lat:.6f}",
                    lon=f"{row.lon:.6f}",
                    category=row.category,
                )
            )
    for category, n in checked.categories.items():
        lines.append(t("points.category_count", lang, category=category, n=int(n)))
    return lines + [p.text(lang) for p in checked.problems]


def _iso_dates(dates: pd.Series) -> pd.Series:
    """Dates as the ISO text SQLite stores them (``2025-03-31``; None stays None), each
    distinct date written once: a million points hold a few hundred dates, and binding
    a million date objects one by one costs seconds."""
    codes, distinct = pd.factorize(dates, use_na_sentinel=True)
    texts = np.array([d.isoformat() for d in distinct] + [None], dtype=object)
    return pd.Series(texts[codes], index=dates.index, dtype=object)


def publish_points(
    store: Store,
    checked: CheckedPoints,
    *,
    uploader: str,
    source: str | None = None,
    data_dir: Path | None = None,
    indicators: bool = True,
) -> int:
    """Store the points inside a buurt as one upload (the file kept by its hash), and
    recompute the indicators of this soort from every current point, in the same upload
    and transaction. Returns the upload id."""
    if checked.frame.empty:
        raise MonitorError(t("points.none_inside", name=checked.name))
    store_original(checked.raw, checked.sha256, data_dir)
    frame = checked.frame[list(POINT_COLUMNS)].drop_duplicates(["soort", "point_key"], keep="last")
    frame = frame.assign(datum=_iso_dates(frame["datum"]))
    meta: dict[str, Any] = {
        "soort": checked.soort,
        "bron": source,
        "buiten_gebieden": len(checked.outside),
        "rijen": len(checked.frame) + len(checked.outside),
    }
    population = population_values(store, checked.division_id)
    with store.begin() as conn:
        upload_id = store.publish_points(
            frame,
            conn=conn,
            filename=checked.name[:300],
            sha256=checked.sha256,
            uploader=uploader,
            source=source,
            meta=meta,
        )
        if indicators:
            publish_indicators(
                store, conn, checked.division_id, checked.soort, upload_id, population
            )
        audit.record(
            store,
            uploader,
            "upload.publish",
            f"upload {upload_id}: {checked.name}",
            {"sha256": checked.sha256, "punten": len(frame), "soort": checked.soort},
            conn=conn,
        )
    return upload_id
