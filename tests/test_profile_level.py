"""A level's renewal (monitor/profile_level.py) gives every area exactly the rows and
series that monitor.profile.area_profile reads for that area alone: every buurt and
every wijk of the demo city, a few indicators (one published over, one coloured only in
part, one not coloured at all), on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from monitor import profile, profile_level
from monitor.ingest.upload import check, publish
from monitor.scoring import Scorer
from monitor.store import Store
from tests.support import BACKENDS, demo_store

IDS = ["werkloosheid_p", "onveilig_p", "bev_totaal"]


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    with demo_store(request.param, tmp_path) as found:
        # A value that changes werkloosheid's classes, and a buurt without one.
        raw = b"gebiedcode;indicator;periode;waarde\nN01a;werkloosheid_p;2024;12,3\n"
        publish(found, check(found, raw, "w.csv"), uploader="t", confirm_changes=True)
        yield found


def arranged(records: list[dict], series: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    return profile._arranged(pd.DataFrame(records), series)


@pytest.mark.parametrize("level", ["buurt", "wijk"])
def test_every_area_gets_what_it_would_read_alone(store: Store, level: str) -> None:
    scorer = Scorer(store)
    areas = store.areas_frame(scorer.division_id)
    codes = sorted(areas.loc[areas["level"] == level, "code"])
    parts = profile_level.level_parts(scorer, level, IDS, "nl")
    assert sorted(parts) == codes
    shown = 0
    for code in codes:
        alone = profile.area_profile(scorer, code, "nl", indicator_ids=IDS)
        rows, series = arranged(*parts[code])
        pd.testing.assert_frame_equal(rows, alone.rows)
        pd.testing.assert_frame_equal(series, alone.series)
        shown += len(rows)
    # bev_totaal is not coloured (not shown); the other two for (nearly) every area.
    assert shown >= 2 * len(codes) - 2
    assert profile_level.level_part(scorer, codes[0], level, IDS, "en") is not None


def test_a_level_too_large_renews_one_area(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    scorer = Scorer(store)
    monkeypatch.setattr(profile_level, "MAX_CELLS", 10)
    assert profile_level.level_part(scorer, "N01a", "buurt", IDS, "nl") is None


def test_no_score_groups_at_the_level_gives_every_area_an_empty_part(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    scorer = Scorer(store)
    real = profile_level.level_area_scores
    # What the store answers for a reference area that has no groups: empty frames.
    monkeypatch.setattr(
        profile_level,
        "level_area_scores",
        lambda store, division, level, refs, ids: real(store, division, level, ["geen"], ids),
    )
    parts = profile_level.level_parts(scorer, "buurt", IDS, "nl")
    assert len(parts) == 90 and all(rows == [] and series.empty for rows, series in parts.values())
