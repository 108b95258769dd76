"""A buurtprofiel against another reference than NAP (the "Vergelijk met" choice).

The profile (:mod:`monitor.profile`) reads the area's materialised scores against the
gemeente. With another choice (:mod:`monitor.scoring.reference`) each shown indicator is
read again in its shown year through :meth:`monitor.scoring.Scorer.score`, which
computes the level on demand and keeps it per score generation; the profile's rows get
that reference value, class and reason, and ``vergeleken_met`` names it per row
("gemiddelde van stadsdeel Oost"). Only the rows asked for are read again (the page asks
for the open ones), so a catalogue of hundreds stays quick.
"""

from __future__ import annotations

import pandas as pd

from monitor.errors import MonitorError
from monitor.scoring import Scorer
from monitor.scoring.reference import DEFAULT, average_names


def with_reference(
    scorer: Scorer,
    rows: pd.DataFrame,
    code: str,
    level: str,
    referentie: str | None,
    base_year: int | None = None,
    lang: str = "nl",
) -> pd.DataFrame:
    """``rows`` (profile rows: indicator_id, period, nap, klasse, reden_code, reden)
    against ``referentie``; unchanged for the gemeente. A row whose indicator cannot be
    scored that way (no base year) keeps its NAP, and says so by its name."""
    if not referentie or referentie == DEFAULT or rows.empty:
        return rows
    if referentie == "basisjaar" and base_year is None:
        return rows
    out = rows.copy()
    names: list[str | None] = [None] * len(out)
    for i, (indicator_id, period) in enumerate(
        zip(out["indicator_id"].tolist(), out["period"].tolist(), strict=True)
    ):
        try:
            frame = scorer.score(
                indicator_id,
                int(period),
                level,
                referentie=referentie,
                base_year=base_year,
                lang=lang,
            )
        except MonitorError:
            continue
        hit = (frame["code"] == code).to_numpy().nonzero()[0]
        if not len(hit):
            continue
        at = int(hit[0])
        row = frame.iloc[at]
        label = out.index[i]
        for column in ("nap", "klasse", "reden_code", "reden"):
            out.at[label, column] = row[column]
        names[i] = average_names(frame, lang)[at]
    out["vergeleken_met"] = names
    return out
