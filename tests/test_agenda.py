"""Gebiedsagenda and verhalen (monitor/agenda/): checks, CRUD with audit lines, soft
delete, progress against hand-computed classes, CSV import that is all-or-nothing, and
notes_count; store-level tests on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from layouts.agenda_forms import _plain
from monitor import agenda, audit
from monitor.agenda import AgendaError, judge
from monitor.catalog import Indicator
from monitor.cli import app as cli
from monitor.errors import MonitorError
from monitor.scoring import Scorer
from monitor.store import Store, actions, areas, goals, notes
from monitor.store import agenda as agenda_rows

runner = CliRunner()

#: Buurt values of x_p (lager-beter, %) in 2024; the city publishes 7.0. Spread (ddof=0)
#: of 10, 6, 8, 4 around their mean 7 is sqrt((9+1+1+9)/4) = sqrt(5) = 2.236, so
#: z = 1.342 (A01a, slechter), -0.447 (A01b, rond), 0.447 (A01c, rond), -1.342 (A01d, beter).
X_2024 = {"A01a": 10.0, "A01b": 6.0, "A01c": 8.0, "A01d": 4.0, "STAD": 7.0}
#: r_r (hoger-beter rapportcijfer) 2024: 6, 7, 7, 8 around 7 (STAD): spread sqrt(0.5) = 0.707,
#: z(A01a) = -1.414 slechter, A01b/A01c rond, A01d +1.414 beter.
R_2024 = {"A01a": 6.0, "A01b": 7.0, "A01c": 7.0, "A01d": 8.0, "STAD": 7.0}
#: n_p (neutraal) 2024: same shape as x_p: A01a meer, A01b/A01c rond, A01d minder.
N_2024 = dict(X_2024)


def _seed(store: Store) -> int:
    """Teststad: gemeente STAD, wijk W01 with four buurten, wijk W02 with one; indicators
    x_p (lager-beter %), r_r (hoger-beter rapportcijfer), n_p (neutraal %), a_n (aantal,
    not coloured), leeg_p (no value for A01a); measurements for 2023 and 2024."""
    with store.begin() as conn:
        division_id = store.ensure_division(conn, "test", gemeente="Teststad")
        rows = [("STAD", "Teststad", "gemeente", None)]
        rows += [(c, f"Buurt {c}", "buurt", "W01") for c in ("A01a", "A01b", "A01c", "A01d")]
        rows += [("B02a", "Buurt B02a", "buurt", "W02")]
        rows += [("W01", "Wijk Een", "wijk", None), ("W02", "Wijk Twee", "wijk", None)]
        ids = {}
        for code, name, level, wijk in rows:
            ids[code] = int(
                conn.execute(
                    sa.insert(areas).values(
                        division_id=division_id,
                        code=code,
                        name=name,
                        level=level,
                        wijk_code=wijk,
                        gemeente_code="STAD",
                    )
                ).inserted_primary_key[0]
            )
        inds = [
            Indicator(id="x_p", label_nl="X", domain="overig", unit="%", polarity="lager-beter"),
            Indicator(
                id="r_r",
                label_nl="R",
                domain="overig",
                unit="rapportcijfer",
                polarity="hoger-beter",
            ),
            Indicator(id="n_p", label_nl="N", domain="overig", unit="%", polarity="neutraal"),
            Indicator(id="a_n", label_nl="A", domain="overig", unit="aantal", polarity="geen"),
            Indicator(
                id="leeg_p", label_nl="Leeg", domain="overig", unit="%", polarity="hoger-beter"
            ),
        ]
        store.upsert_indicators([i.row() for i in inds], conn)
        records = []
        for ind, values in (("x_p", X_2024), ("r_r", R_2024), ("n_p", N_2024)):
            for code, value in values.items():
                records.append((ids[code], ind, 2024, value))
                records.append((ids[code], ind, 2023, value + 1))
        for code in ("A01b", "A01c", "A01d", "STAD"):
            records.append((ids[code], "leeg_p", 2024, 50.0))
        frame = pd.DataFrame(records, columns=["area_id", "indicator_id", "period", "value"])
        store.publish(frame, kind="test", conn=conn, uploader="pytest")
    return division_id


@pytest.fixture
def teststad(backend: Store) -> tuple[Store, int]:
    """Teststad on each backend (conftest's ``backend``)."""
    return backend, _seed(backend)


@pytest.fixture
def lite(tmp_path: Path) -> Iterator[tuple[Store, int]]:
    """SQLite only, for checks that do not depend on the database."""
    store = Store(f"sqlite:///{tmp_path / 'l.sqlite'}")
    store.upgrade()
    yield store, _seed(store)
    store.engine.dispose()


def _refused(call, *args, **kwargs) -> list[tuple[str, str]]:
    """(field, agenda message) of every problem of a refused call."""
    with pytest.raises(AgendaError) as info:
        call(*args, **kwargs)
    return _problems(info.value)


def _problems(error: AgendaError) -> list[tuple[str, str]]:
    return [(p.field, p.key.removeprefix("agenda.err.")) for p in error.problems]


def _count(store: Store, table: sa.Table) -> int:
    with store.engine.connect() as conn:
        return int(conn.scalar(sa.select(sa.func.count()).select_from(table)))


def _log(store: Store) -> pd.DataFrame:
    return audit.entries(store).sort_values("id").reset_index(drop=True)


# -- validation ---------------------------------------------------------------------------


def test_niet_mogelijk_needs_a_reason(lite: tuple[Store, int]) -> None:
    store, division_id = lite
    goal = agenda.add_goal(store, division_id, code="A01a", text="Minder X", actor="ana")
    for reason in (None, "", "   \n "):
        assert _refused(
            agenda.add_action,
            store,
            goal,
            text="Spreekuur",
            owner="Buurtteam",
            status="niet mogelijk",
            reason=reason,
            actor="test",
        ) == [("reden", "reason")]
    # Spelled as people type it: capitals, a dash; the reason makes it valid.
    action = agenda.add_action(
        store,
        goal,
        text="Spreekuur",
        owner="Buurtteam",
        status="Niet-mogelijk",
        reason="Geen zaal",
        actor="test",
    )
    assert agenda.actions_frame(store, [goal]).set_index("id").loc[action, "status"] == (
        "niet mogelijk"
    )
    # Changing a kept promise to "niet mogelijk" later needs the reason too.
    ok = agenda.add_action(
        store, goal, text="Folder", owner="Stadsdeel", status="toegezegd", actor="test"
    )
    assert _refused(
        agenda.update_action,
        store,
        ok,
        text="Folder",
        owner="Stadsdeel",
        status="niet mogelijk",
        actor="test",
    ) == [("reden", "reason")]
    assert _refused(
        agenda.add_action, store, goal, text="X", owner="Y", status="klaar", actor="test"
    ) == [("status", "status")]


def test_unknown_indicator_and_area_name_a_suggestion(lite: tuple[Store, int]) -> None:
    store, division_id = lite
    with pytest.raises(AgendaError) as info:
        agenda.add_goal(
            store,
            division_id,
            code="A01aa",
            text="Doel",
            indicator="x_pp",
            target="NAP",
            year=2026,
            actor="test",
        )
    lines = str(info.value).splitlines()
    assert lines == [
        "Fout: Gebied: 'A01aa' is geen gebied in deze gebiedsindeling. Bedoelt u 'A01a'?",
        "Fout: Indicator: 'x_pp' staat niet in de indicatorcatalogus. Bedoelt u 'x_p'?",
    ]
    # English, for the form in English.
    with pytest.raises(AgendaError) as info:
        agenda.add_goal(
            store,
            division_id,
            code="A01a",
            text="Doel",
            indicator="qq",
            target="NAP",
            year=2026,
            lang="en",
            actor="test",
        )
    assert str(info.value) == "Error: Indicator: 'qq' is not in the indicator catalogue."


def test_target_year_before_the_latest_data_is_refused(lite: tuple[Store, int]) -> None:
    store, division_id = lite
    # x_p has data up to 2024: a goal "by 2023" lies in the past of the data.
    assert _refused(
        agenda.add_goal,
        store,
        division_id,
        code="A01a",
        text="Doel",
        indicator="x_p",
        target="NAP",
        year=2023,
        actor="test",
    ) == [("doeljaar", "year_past")]
    goal = agenda.add_goal(
        store,
        division_id,
        code="A01a",
        text="Doel",
        indicator="x_p",
        target="NAP",
        year=2024,
        actor="test",
    )
    # Data for 2025 comes in: the goal can still be edited as long as its year stays.
    a01a = int(store.areas_frame(division_id).set_index("code").loc["A01a", "id"])
    with store.begin() as conn:
        store.publish(
            pd.DataFrame({"area_id": [a01a], "indicator_id": "x_p", "period": 2025, "value": 9.0}),
            kind="test",
            conn=conn,
        )
    assert agenda.update_goal(
        store,
        goal,
        text="Doel, herschreven",
        indicator="x_p",
        target="NAP",
        year=2024,
        actor="test",
    )
    assert _refused(
        agenda.update_goal,
        store,
        goal,
        text="Doel",
        indicator="x_p",
        target="NAP",
        year=2023,
        actor="test",
    ) == [("doeljaar", "year_past")]
    for year, key in (("twintig", "year"), ("1850", "year"), (None, "year_missing")):
        assert _refused(
            agenda.add_goal,
            store,
            division_id,
            code="A01a",
            text="Doel",
            indicator="x_p",
            target="NAP",
            year=year,
            actor="test",
        ) == [("doeljaar", key)]


def test_empty_or_invisible_text_is_refused(lite: tuple[Store, int]) -> None:
    store, division_id = lite
    assert _refused(agenda.add_goal, store, division_id, code="A01a", text="  ", actor="test") == [
        ("doel", "empty")
    ]
    assert _refused(
        agenda.add_goal, store, division_id, code="A01a", text="a\x00b", actor="test"
    ) == [("doel", "control")]
    assert _refused(
        agenda.add_goal, store, division_id, code="A01a", text="x" * 1001, actor="test"
    ) == [("doel", "too_long")]
    goal = agenda.add_goal(store, division_id, code="A01a", text="Doel", actor="test")
    assert _refused(
        agenda.add_action, store, goal, text="", owner=" ", status="toegezegd", actor="test"
    ) == [
        ("actie", "empty"),
        ("eigenaar", "empty"),
    ]
    assert _refused(
        agenda.add_note,
        store,
        division_id,
        code="A01a",
        text="\n",
        author_role="bewoner",
        source_type="schouw",
        date="2024-03-01",
        actor="test",
    ) == [("tekst", "empty")]
    assert _count(store, actions) == 0 and _count(store, notes) == 0


def test_targets_follow_the_indicator(lite: tuple[Store, int]) -> None:
    store, division_id = lite

    def goal(indicator: str | None, target: object, year: object = 2026) -> list:
        return _refused(
            agenda.add_goal,
            store,
            division_id,
            code="A01a",
            text="Doel",
            indicator=indicator,
            target=target,
            year=year,
            actor="test",
        )

    assert goal("n_p", "5") == [("streefwaarde", "neutral_value")]
    assert goal("a_n", "NAP") == [("indicator", "uncoloured")]
    assert goal("x_p", "120") == [("streefwaarde", "target_range")]
    assert goal("r_r", "11") == [("streefwaarde", "target_range")]
    assert goal("x_p", "veel") == [("streefwaarde", "target")]
    assert goal("x_p", None) == [("streefwaarde", "target_missing")]
    assert goal(None, "5", 2026) == [
        ("streefwaarde", "needs_indicator"),
        ("doeljaar", "needs_indicator"),
    ]
    # Accepted spellings: decimal comma, "%" sign, "nap" in any case, upper-case ids.
    for target, kind, value in (
        ("6,5", "waarde", 6.5),
        ("6,5%", "waarde", 6.5),
        ("nap", "nap", None),
    ):
        goal_id = agenda.add_goal(
            store,
            division_id,
            code="A01a",
            text="Doel",
            indicator="X_P",
            target=target,
            year=2026,
            actor="test",
        )
        row = agenda.goals_frame(store, division_id, "A01a").set_index("id").loc[goal_id]
        assert (row["indicator_id"], row["target_kind"]) == ("x_p", kind)
        assert (value is None and pd.isna(row["target_value"])) or row["target_value"] == value
    # A single typed value with a thousands dot is Dutch for thousands.
    assert agenda.parse_number("45.000") == 45000.0 and agenda.parse_number("7.5") == 7.5


def test_notes_roles_sources_and_dates(lite: tuple[Store, int]) -> None:
    store, division_id = lite
    note = agenda.add_note(
        store,
        division_id,
        code="a01a ",
        text="  Het is hier donker.  ",
        author_role="Bewoner",
        source_type="enquete",
        date="14-03-2024",
        actor="test",
    )
    row = agenda.notes_frame(store, division_id, "A01a").set_index("id").loc[note]
    assert (row["author_role"], row["source_type"], row["period"]) == ("bewoner", "enquête", 2024)
    assert agenda.as_date(row["date"]) == date(2024, 3, 14) and row["text"] == "Het is hier donker."
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    problems = _refused(
        agenda.add_note,
        store,
        division_id,
        code="A01a",
        text="x",
        author_role="burgemeester",
        source_type="krant",
        date=tomorrow,
        period="later",
        actor="test",
    )
    assert problems == [
        ("rol", "choice"),
        ("bron", "choice"),
        ("datum", "date_future"),
        ("periode", "period"),
    ]
    assert _refused(
        agenda.add_note,
        store,
        division_id,
        code="A01a",
        text="x",
        author_role="bewoner",
        source_type="schouw",
        date="32-01-2024",
        actor="test",
    ) == [("datum", "date")]


# -- CRUD, audit, soft delete (SQLite and PostgreSQL) ------------------------------------


def test_every_change_is_audited_with_old_and_new(teststad: tuple[Store, int]) -> None:
    store, division_id = teststad
    goal = agenda.add_goal(
        store,
        division_id,
        code="A01a",
        text="Minder X",
        indicator="x_p",
        target="8",
        year=2026,
        actor="ana",
    )
    action = agenda.add_action(
        store, goal, text="Banenmarkt", owner="WPI", status="toegezegd", actor="ana"
    )
    note = agenda.add_note(
        store,
        division_id,
        code="A01a",
        text="<script>alert(1)</script>",
        author_role="bewoner",
        source_type="schouw",
        date="2024-03-14",
        actor="bert",
    )
    assert agenda.update_goal(
        store, goal, text="Minder X", indicator="x_p", target="7,5", year=2026, actor="carla"
    )
    # Saving without a change writes nothing.
    assert not agenda.update_goal(
        store, goal, text="Minder X", indicator="x_p", target="7,5", year=2026, actor="carla"
    )
    assert agenda.update_action(
        store,
        action,
        text="Banenmarkt",
        owner="WPI",
        status="niet mogelijk",
        reason="Geen zaal",
        actor="dirk",
    )
    agenda.remove_note(store, note, actor="ana")
    log = _log(store)
    assert log["action"].tolist() == [
        "goal.add",
        "action.add",
        "note.add",
        "goal.update",
        "action.update",
        "note.remove",
    ]
    assert log["actor"].tolist() == ["ana", "ana", "bert", "carla", "dirk", "ana"]
    detail = [json.loads(d) for d in log["detail"]]
    assert detail[0]["new"]["target_value"] == 8.0 and detail[0]["area"] == "A01a"
    assert detail[3]["old"] == {"target_value": 8.0} and detail[3]["new"] == {"target_value": 7.5}
    assert detail[4]["old"] == {"status": "toegezegd", "reason": None}
    assert detail[4]["new"] == {"status": "niet mogelijk", "reason": "Geen zaal"}
    assert detail[5]["old"]["text"] == "<script>alert(1)</script>"
    assert log["target"].tolist()[3] == f"goal {goal}"
    # Who and when are on the rows too.
    row = agenda.goals_frame(store, division_id, "A01a").iloc[0]
    assert (row["created_by"], row["updated_by"]) == ("ana", "carla")
    assert row["updated_at"] is not None


def test_removing_is_a_soft_delete(teststad: tuple[Store, int]) -> None:
    store, division_id = teststad
    goal = agenda.add_goal(store, division_id, code="A01a", text="Doel", actor="test")
    for text in ("Een", "Twee"):
        agenda.add_action(store, goal, text=text, owner="X", status="toegezegd", actor="test")
    agenda.remove_goal(store, goal, actor="ana")
    assert agenda.goals_frame(store, division_id).empty
    assert agenda.actions_frame(store, [goal]).empty
    with store.engine.connect() as conn:
        kept = conn.execute(sa.select(goals.c.text, goals.c.deleted_at)).all()
        kept_actions = conn.execute(sa.select(actions.c.deleted_at)).all()
    assert kept[0][0] == "Doel" and kept[0][1] is not None
    assert len(kept_actions) == 2 and all(r[0] is not None for r in kept_actions)
    assert _log(store)["action"].tolist()[-3:] == ["action.remove", "action.remove", "goal.remove"]
    # A removed goal is gone for edits and new actions.
    assert _refused(agenda.update_goal, store, goal, text="Weer", actor="test") == [
        ("doel", "goal")
    ]
    assert _refused(
        agenda.add_action, store, goal, text="A", owner="B", status="toegezegd", actor="test"
    ) == [("goal_id", "goal")]
    assert _refused(agenda.remove_goal, store, goal, actor="test") == [("doel", "goal")]


def test_the_audit_line_is_in_the_same_transaction(
    teststad: tuple[Store, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, division_id = teststad

    def broken(*args, **kwargs) -> None:
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(audit, "record", broken)
    with pytest.raises(RuntimeError):
        agenda.add_goal(store, division_id, code="A01a", text="Doel", actor="test")
    assert _count(store, goals) == 0


def test_notes_count_per_level(teststad: tuple[Store, int]) -> None:
    store, division_id = teststad
    note = {"author_role": "bewoner", "source_type": "schouw"}
    agenda.add_note(
        store, division_id, code="A01a", text="1", date="2024-01-05", **note, actor="test"
    )
    agenda.add_note(
        store, division_id, code="A01a", text="2", date="2023-06-01", **note, actor="test"
    )
    agenda.add_note(
        store, division_id, code="A01b", text="3", date="2024-02-01", **note, actor="test"
    )
    agenda.add_note(
        store, division_id, code="W01", text="4", date="2024-02-01", **note, actor="test"
    )
    gone = agenda.add_note(
        store, division_id, code="B02a", text="5", date="2024-02-01", **note, actor="test"
    )
    agenda.remove_note(store, gone, actor="test")
    assert agenda.notes_count(store, division_id, "buurt") == {
        "A01a": 2,
        "A01b": 1,
        "A01c": 0,
        "A01d": 0,
        "B02a": 0,
    }
    # A wijk counts its own notes and those of its buurten.
    assert agenda.notes_count(store, division_id, "wijk") == {"W01": 4, "W02": 0}
    assert agenda.notes_count(store, division_id, "gemeente") == {"STAD": 4}
    assert agenda.notes_count(store, division_id, "buurt", period=2024)["A01a"] == 1
    # What a map switch reads: only the areas with a note (a national store has 14,000).
    assert agenda.noted_areas(store, division_id, "buurt") == {"A01a": 2, "A01b": 1}
    assert agenda.noted_areas(store, division_id, "wijk") == {"W01": 4}
    assert agenda.noted_areas(store, division_id, "buurt", period=2023) == {"A01a": 1}
    with pytest.raises(MonitorError):
        agenda.noted_areas(store, division_id, "straat")
    # The wijk's profile lists the same four, newest first (same day: last added first).
    frame = agenda.notes_frame(store, division_id, "W01")
    assert frame["text"].tolist() == ["4", "3", "1", "2"]
    assert agenda.notes_frame(store, division_id, "W01", within=False)["text"].tolist() == ["4"]


def _meanwhile(
    store: Store, monkeypatch: pytest.MonkeyPatch, change: Callable[[sa.Connection], None]
) -> None:
    """Let ``change`` happen (in a transaction of its own, committed) just before the next
    transaction of ``store`` begins: another user acting between a form's read and its
    write."""
    original, pending = store.begin, [change]

    @contextmanager
    def begin() -> Iterator[sa.Connection]:
        if pending:
            with store.engine.begin() as other:
                pending.pop()(other)
        with original() as conn:
            yield conn

    monkeypatch.setattr(store, "begin", begin)


def _removed(table: sa.Table, row_id: int) -> Callable[[sa.Connection], None]:
    def remove(conn: sa.Connection) -> None:
        conn.execute(
            sa.update(table)
            .where(table.c.id == row_id)
            .values(deleted_at=datetime.now(UTC), updated_by="bert")
        )

    return remove


def test_an_edit_of_a_row_removed_meanwhile_is_refused(
    teststad: tuple[Store, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Someone removes the goal, action or note after the form read it: the edit, the
    removal or the new action is refused in Dutch, and the removed row stays as it was."""
    store, division_id = teststad
    note = {"author_role": "bewoner", "source_type": "schouw", "date": "2024-03-14"}
    goal = agenda.add_goal(store, division_id, code="A01a", text="Doel", actor="test")
    action = agenda.add_action(
        store, goal, text="Actie", owner="WPI", status="toegezegd", actor="test"
    )
    edits: list[tuple[sa.Table, int, Callable[[], object], tuple[str, str]]] = [
        (
            goals,
            goal,
            lambda: agenda.update_goal(store, goal, text="Nieuw", actor="test"),
            ("doel", "goal"),
        ),
        (goals, goal, lambda: agenda.remove_goal(store, goal, actor="test"), ("doel", "goal")),
        (
            goals,
            goal,
            lambda: agenda.add_action(
                store, goal, text="B", owner="C", status="toegezegd", actor="test"
            ),
            ("goal_id", "goal"),
        ),
        (
            actions,
            action,
            lambda: agenda.update_action(
                store, action, text="Nieuw", owner="WPI", status="gerealiseerd", actor="test"
            ),
            ("actie", "action"),
        ),
        (
            actions,
            action,
            lambda: agenda.remove_action(store, action, actor="test"),
            ("actie", "action"),
        ),
    ]
    for kind in ("update", "remove"):
        note_id = agenda.add_note(
            store, division_id, code="A01a", text="Verhaal", **note, actor="test"
        )
        call = (
            (lambda n=note_id: agenda.update_note(store, n, text="Nieuw", **note, actor="test"))
            if kind == "update"
            else (lambda n=note_id: agenda.remove_note(store, n, actor="test"))
        )
        edits.append((notes, note_id, call, ("tekst", "note")))
    for table, row_id, call, problem in edits:
        with store.begin() as conn:  # live again for the next edit
            conn.execute(sa.update(table).where(table.c.id == row_id).values(deleted_at=None))
        logged = len(_log(store))
        _meanwhile(store, monkeypatch, _removed(table, row_id))
        with pytest.raises(AgendaError) as info:
            call()
        assert _problems(info.value) == [problem]
        assert "bestaat niet (meer)" in str(info.value)
        with store.engine.connect() as conn:
            row = conn.execute(sa.select(table).where(table.c.id == row_id)).mappings().one()
        assert row["deleted_at"] is not None and row["updated_by"] == "bert"
        assert row["text"] != "Nieuw"
        assert len(_log(store)) == logged
    assert _count(store, actions) == 1  # no action was added under the removed goal


def test_the_audit_line_holds_what_the_edit_overwrote(
    teststad: tuple[Store, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another user changes the note after the form read it: the audit line's old value is
    that user's text, the text this edit really replaced."""
    store, division_id = teststad
    note = {"author_role": "bewoner", "source_type": "schouw", "date": "2024-03-14"}
    note_id = agenda.add_note(store, division_id, code="A01a", text="Eerste", **note, actor="test")

    def rewrite(conn: sa.Connection) -> None:
        conn.execute(sa.update(notes).where(notes.c.id == note_id).values(text="Tweede"))

    _meanwhile(store, monkeypatch, rewrite)
    assert agenda.update_note(store, note_id, text="Derde", actor="ana", **note)
    detail = json.loads(_log(store)["detail"].iloc[-1])
    assert detail["old"] == {"text": "Tweede"} and detail["new"] == {"text": "Derde"}


def test_a_stale_read_cannot_change_a_removed_row(
    teststad: tuple[Store, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The UPDATE itself only touches live rows: even a read that missed the removal
    (here: one that ignores ``deleted_at``) changes nothing and is refused."""
    store, division_id = teststad
    goal = agenda.add_goal(store, division_id, code="A01a", text="Doel", actor="test")
    agenda.remove_goal(store, goal, actor="bert")

    def blind(conn: sa.Connection, table: sa.Table, row_id: int, lock: bool = False) -> dict:
        row = conn.execute(sa.select(table).where(table.c.id == int(row_id))).mappings().first()
        return dict(row) if row else None

    monkeypatch.setattr(agenda_rows, "live_row", blind)
    logged = len(_log(store))
    assert _refused(agenda.update_goal, store, goal, text="Weer", actor="test") == [
        ("doel", "goal")
    ]
    assert _refused(agenda.remove_goal, store, goal, actor="test") == [("doel", "goal")]
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(goals).where(goals.c.id == goal)).mappings().one()
    assert (row["text"], row["updated_by"]) == ("Doel", "bert")
    assert len(_log(store)) == logged


def test_a_long_actor_is_cut_to_fit(teststad: tuple[Store, int]) -> None:
    """A CLI ``--uploader`` of 200 characters (or with a NUL): PostgreSQL refuses what does
    not fit ``created_by`` (120), SQLite keeps it; both store the first 120 characters,
    on the row and in the audit line."""
    store, division_id = teststad
    long = "cli-" + "x" * 196
    goal = agenda.add_goal(store, division_id, code="A01a", text="Doel", actor=long)
    agenda.update_goal(store, goal, text="Doel 2", actor="\x00" + long)
    note = agenda.add_note(
        store,
        division_id,
        code="A01a",
        text="Verhaal",
        author_role="bewoner",
        source_type="schouw",
        date="2024-03-14",
        actor=long,
    )
    result = agenda.import_notes(
        store, NOTES_OK.encode(), "verhalen.csv", actor=long, division_id=division_id
    )
    assert result.notes_added == 3
    cut = long[:120]
    row = agenda.goals_frame(store, division_id, "A01a").set_index("id").loc[goal]
    assert (row["created_by"], row["updated_by"]) == (cut, cut)
    stories = agenda.notes_frame(store, division_id)
    assert set(stories["created_by"]) == {cut} and note in set(stories["id"])
    assert set(_log(store)["actor"]) == {cut}
    # Nothing usable (only control characters): written as nobody in particular.
    assert agenda.actor_name("\x00\x01 ") == "anoniem"


def test_the_caller_says_who_acts(lite: tuple[Store, int]) -> None:
    """The agenda never reads the web request: every change names its actor, and the
    package does not ask the login machinery (tests/test_imports.py: it cannot import it)."""
    store, division_id = lite
    with pytest.raises(TypeError, match="actor"):
        agenda.add_goal(store, division_id, code="A01a", text="Doel")  # type: ignore[call-arg]
    assert _count(store, goals) == 0
    package = Path(agenda.__file__).parent
    for source in package.glob("*.py"):
        text = source.read_text(encoding="utf-8")
        assert "current_actor" not in text, source.name


def test_rows_for_the_forms_and_stories_for_the_pages(lite: tuple[Store, int]) -> None:
    """What the pages show and fill their forms with comes from monitor.agenda."""
    store, division_id = lite
    goal = agenda.add_goal(store, division_id, code="A01a", text="Doel", actor="test")
    assert agenda.stored_row(store, "goal", str(goal))["text"] == "Doel"
    assert agenda.stored_row(store, "goal", "geen getal") is None
    agenda.remove_goal(store, goal, actor="test")
    assert agenda.stored_row(store, "goal", goal) is None
    for code, day in (("W01", "2024-02-01"), ("A01a", "2024-03-14"), ("B02a", "2024-04-01")):
        agenda.add_note(
            store,
            division_id,
            code=code,
            text=f"Over {code}",
            author_role="wijkagent",
            source_type="schouw",
            date=day,
            actor="ana",
        )
    stories = agenda.story_rows(store, division_id, "W01", "en")
    assert [(s["code"], s["own"], s["date"]) for s in stories] == [
        ("A01a", False, "2024-03-14"),
        ("W01", True, "2024-02-01"),
    ]
    assert (stories[0]["role"], stories[0]["source"]) == (
        "community police officer",
        "neighbourhood walk (schouw)",
    )
    assert (stories[0]["author_role"], stories[0]["created_by"]) == ("wijkagent", "ana")


# -- progress ------------------------------------------------------------------------------


def test_progress_against_hand_computed_classes(teststad: tuple[Store, int]) -> None:
    store, division_id = teststad
    add = agenda.add_goal
    cases = {
        # (code, indicator, target, year): (state, period, value, klasse, gap)
        ("A01a", "x_p", "NAP", 2026): ("nog_niet", 2024, 10.0, "slechter", None),
        ("A01b", "x_p", "NAP", 2026): ("bereikt", 2024, 6.0, "rond", None),
        ("A01d", "x_p", "NAP", 2026): ("bereikt", 2024, 4.0, "beter", None),
        ("A01a", "x_p", "8", 2026): ("nog_niet", 2024, 10.0, "slechter", 2.0),
        ("A01c", "x_p", "8", 2026): ("bereikt", 2024, 8.0, "rond", 0.0),
        ("A01d", "x_p", "8", 2026): ("bereikt", 2024, 4.0, "beter", -4.0),
        ("A01a", "x_p", "9,5", 2024): ("niet_gehaald", 2024, 10.0, "slechter", 0.5),
        ("A01a", "r_r", "6,5", 2026): ("nog_niet", 2024, 6.0, "slechter", 0.5),
        ("A01d", "r_r", "7,5", 2026): ("bereikt", 2024, 8.0, "beter", -0.5),
        ("A01a", "r_r", "NAP", 2024): ("niet_gehaald", 2024, 6.0, "slechter", None),
        ("A01c", "n_p", "NAP", 2026): ("bereikt", 2024, 8.0, "rond", None),
        ("A01a", "n_p", "NAP", 2026): ("nog_niet", 2024, 10.0, "meer", None),
        ("A01a", "leeg_p", "NAP", 2026): ("geen_gegevens", 2024, None, "geen_gegevens", None),
    }
    for i, (code, indicator, target, year) in enumerate(cases):
        add(
            store,
            division_id,
            code=code,
            text=f"Doel {i}",
            indicator=indicator,
            target=target,
            year=year,
            actor="test",
        )
    add(store, division_id, code="A01a", text="Zonder cijfer", actor="test")
    scorer = Scorer(store)
    got = {}
    for code in ("A01a", "A01b", "A01c", "A01d"):
        for view in agenda.area_agenda(scorer, code):
            g, p = view.goal, view.progress
            if g["indicator_id"] is None:
                assert p.state == "geen_doel" and agenda.progress_text(view) == ""
                continue
            target = "NAP" if g["target_kind"] == "nap" else _plain(g["target_value"])
            key = (code, g["indicator_id"], target, g["target_year"])
            got[key] = (p.state, p.period, p.value, p.klasse, p.gap)
    assert got == cases
    # In words, with the NAP and the class, and how far there is still to go.
    view = next(v for v in agenda.area_agenda(scorer, "A01a") if v.goal["target_value"] == 8.0)
    assert agenda.target_text(view, "nl", "Teststad") == "X: hoogstens 8,0% in 2026"
    assert agenda.progress_text(view, "nl", "Teststad") == (
        "Laatste waarde (2024): 10,0%; NAP 7,0%; slechter dan het gemiddelde van Teststad. "
        "Nog niet bereikt (nog 2,0 procentpunt te gaan)."
    )
    # A gap between two percentages is in procentpunt, in English too.
    assert agenda.progress_text(view, "en", "Teststad").endswith(
        "Not reached yet (2.0 percentage points to go)."
    )


def test_a_value_target_needs_no_class() -> None:
    """A value target compares the value with the target in the indicator's direction; a
    class that could not be decided does not matter. A NAP target does need the class."""
    # hoger-beter, at least 6 by 2026; latest 5.0 (2024): 1.0 still to go.
    assert judge("waarde", 6.0, 2026, "hoger-beter", 2024, 5.0, "geen_gegevens") == (
        "nog_niet",
        1.0,
    )
    # lager-beter, at most 8 by 2024; latest 7.5 (2024): reached, 0.5 ahead.
    assert judge("waarde", 8.0, 2024, "lager-beter", 2024, 7.5, None) == ("bereikt", -0.5)
    # hoger-beter, at least 6 by 2024; latest 5.0 (2024): the year is in, not met.
    assert judge("waarde", 6.0, 2024, "hoger-beter", 2024, 5.0, "geen_gegevens") == (
        "niet_gehaald",
        1.0,
    )
    assert judge("nap", None, 2026, "hoger-beter", 2024, 5.0, "geen_gegevens") == (
        "geen_gegevens",
        None,
    )
    assert judge("waarde", 6.0, 2026, "hoger-beter", 2024, None, "rond") == ("geen_gegevens", None)
    assert judge("waarde", 6.0, 2026, "hoger-beter", None, 5.0, "rond") == ("geen_gegevens", None)


def test_progress_of_a_value_target_when_the_class_is_undecided(lite: tuple[Store, int]) -> None:
    """s_p (hoger-beter %): every buurt has 5.0, the city 7.0. No spread, so no z-score
    and class geen_gegevens, but the value is there and a value target is judged on it."""
    store, division_id = lite
    ids = store.areas_frame(division_id).set_index("code")["id"]
    values = {"A01a": 5.0, "A01b": 5.0, "A01c": 5.0, "A01d": 5.0, "STAD": 7.0}
    with store.begin() as conn:
        s_p = Indicator(id="s_p", label_nl="S", domain="overig", unit="%", polarity="hoger-beter")
        store.upsert_indicators([s_p.row()], conn)
        frame = pd.DataFrame(
            [(int(ids[c]), "s_p", 2024, v) for c, v in values.items()],
            columns=["area_id", "indicator_id", "period", "value"],
        )
        store.publish(frame, kind="test", conn=conn, uploader="pytest")
    cases = {
        # (target, year): (state, gap)
        ("6", 2026): ("nog_niet", 1.0),
        ("4,5", 2026): ("bereikt", -0.5),
        ("6", 2024): ("niet_gehaald", 1.0),
        ("NAP", 2026): ("geen_gegevens", None),
    }
    for i, (target, year) in enumerate(cases):
        agenda.add_goal(
            store,
            division_id,
            code="A01a",
            text=f"Doel {i}",
            indicator="s_p",
            target=target,
            year=year,
            actor="test",
        )
    views = agenda.area_agenda(Scorer(store), "A01a")
    got = {}
    for view in views:
        g, p = view.goal, view.progress
        assert (p.period, p.value, p.klasse) == (2024, 5.0, "geen_gegevens")
        target = "NAP" if g["target_kind"] == "nap" else _plain(g["target_value"])
        got[(target, g["target_year"])] = (p.state, p.gap)
    assert got == cases
    assert agenda.progress_text(views[0], "nl", "Teststad").endswith(
        "Nog niet bereikt (nog 1,0 procentpunt te gaan)."
    )


def test_a_goal_reached_on_an_uncertain_value_says_within_the_margin(
    lite: tuple[Store, int],
) -> None:
    """o_p (lager-beter %, a survey): A01a 30% of only 20 respondents, the city 20%.
    Spread of 30, 10, 20, 30 is √68.75 = 8.29, z(A01a) = 1.21: slechter by z, but the 95%
    interval 30 ± 1.96·√(0.3·0.7/20)·100 = 9,9% – 50,1% contains 20: rond door
    onzekerheid. A01d (30%, n = 2000) has 28,0% – 32,0%: slechter."""
    store, division_id = lite
    ids = store.areas_frame(division_id).set_index("code")["id"]
    values = {"A01a": (30.0, 20), "A01b": (10.0, 2000), "A01c": (20.0, 2000)}
    values |= {"A01d": (30.0, 2000), "STAD": (20.0, None)}
    with store.begin() as conn:
        o_p = Indicator(
            id="o_p", label_nl="O", domain="overig", unit="%", polarity="lager-beter", survey=True
        )
        store.upsert_indicators([o_p.row()], conn)
        frame = pd.DataFrame(
            [(int(ids[c]), "o_p", 2024, v, n) for c, (v, n) in values.items()],
            columns=["area_id", "indicator_id", "period", "value", "n"],
        )
        store.publish(frame, kind="test", conn=conn, uploader="pytest")
    for i, (code, target) in enumerate(
        [("A01a", "NAP"), ("A01a", "35"), ("A01a", "60"), ("A01d", "NAP")]
    ):
        agenda.add_goal(
            store,
            division_id,
            code=code,
            text=f"Doel {i}",
            indicator="o_p",
            target=target,
            year=2026,
            actor="test",
        )
    texts = {}
    for code in ("A01a", "A01d"):
        for view in agenda.area_agenda(Scorer(store), code):
            texts[view.goal["text"]] = (
                agenda.progress_text(view, "nl", "Teststad"),
                agenda.progress_text(view, "en", "Teststad"),
            )
    latest = "Laatste waarde (2024): 30,0%; NAP 20,0%; "
    assert texts["Doel 0"][0] == (
        latest + "rond het gemiddelde van Teststad. Doel bereikt, binnen de foutmarge: het "
        "95%-interval 9,9% – 50,1% bevat het gemiddelde."
    )
    assert texts["Doel 0"][1].endswith(
        "Goal reached, within the margin of error: the 95% interval 9.9% – 50.1% contains "
        "the average."
    )
    assert texts["Doel 1"][0].endswith(
        "Doel bereikt, binnen de foutmarge: het 95%-interval 9,9% – 50,1% bevat de "
        "streefwaarde (5,0 procentpunt beter dan de streefwaarde)."
    )
    # A target far outside the interval is plainly reached; a significant value too.
    assert texts["Doel 2"][0].endswith("Doel bereikt (30,0 procentpunt beter dan de streefwaarde).")
    assert texts["Doel 3"][0].endswith(
        "slechter dan het gemiddelde van Teststad. Nog niet bereikt."
    )


@given(
    target=st.floats(-1e6, 1e6, allow_nan=False),
    value=st.floats(-1e6, 1e6, allow_nan=False),
    polarity=st.sampled_from(["hoger-beter", "lager-beter"]),
    period=st.integers(2000, 2030),
    year=st.integers(2000, 2030),
)
def test_value_targets_respect_polarity(
    target: float, value: float, polarity: str, period: int, year: int
) -> None:
    state, gap = judge("waarde", target, year, polarity, period, value, "rond")
    met = value >= target if polarity == "hoger-beter" else value <= target
    if abs(value - target) > 1e-6:  # exactly on the target: rounding decides, both fine
        assert (state == "bereikt") == met
    assert state != "bereikt" or round(gap, 6) <= 0
    if state != "bereikt":
        assert state == ("niet_gehaald" if period >= year else "nog_niet") and gap > 0


@given(st.decimals(-100000, 100000, places=3, allow_nan=False, allow_infinity=False))
def test_a_stored_target_reads_back_as_typed(number) -> None:
    """The edit form shows a stored target in Dutch (6,5); saving it again keeps it."""
    value = float(number)
    assert agenda.parse_number(_plain(value)) == pytest.approx(value, abs=1e-9)


# -- CSV import (all or nothing) --------------------------------------------------------

AGENDA_OK = (
    "gebiedcode;doel;indicator;streefwaarde;doeljaar;actie;eigenaar;status;reden\n"
    "A01a;Minder werkloosheid;x_p;8,0;2026;Banenmarkt;WPI;toegezegd;\n"
    "A01a;Minder werkloosheid;x_p;8,0;2026;Taalcursus;Bibliotheek;in uitvoering;\n"
    "a01b;Café als ontmoetingsplek;;;;Vergunning;Stadsdeel;niet mogelijk;Geen bestemming\n"
    "A01c;Schoner;r_r;NAP;2027;;;;\n"
)


def test_agenda_csv_imports_and_reimports_idempotently(teststad: tuple[Store, int]) -> None:
    store, division_id = teststad
    raw = AGENDA_OK.encode("cp1252")  # Windows-1252 with é, as Excel writes it
    result = agenda.import_agenda(store, raw, "agenda.csv", actor="ana", division_id=division_id)
    assert (result.goals_added, result.actions_added, result.unchanged) == (3, 3, 0)
    frame = agenda.goals_frame(store, division_id).set_index("text")
    assert frame.loc["Café als ontmoetingsplek", "code"] == "A01b"
    assert frame.loc["Schoner", "target_kind"] == "nap"
    acts = agenda.actions_frame(store, frame["id"].tolist()).set_index("text")
    assert acts.loc["Vergunning", "reason"] == "Geen bestemming"
    # The same file again adds nothing; a changed status updates that one action.
    again = agenda.import_agenda(store, raw, "agenda.csv", actor="ana", division_id=division_id)
    assert (again.goals_added, again.actions_added, again.unchanged) == (0, 0, 6)
    changed = AGENDA_OK.replace(
        "Taalcursus;Bibliotheek;in uitvoering", "taalcursus;Bibliotheek;gerealiseerd"
    )
    result = agenda.import_agenda(
        store, changed.encode(), "agenda-v2.csv", actor="bert", division_id=division_id
    )
    assert (result.actions_updated, result.unchanged) == (1, 5)
    log = _log(store)
    update = json.loads(log[log["action"] == "action.update"]["detail"].iloc[0])
    assert update["old"] == {"status": "in uitvoering"} and update["new"] == {
        "status": "gerealiseerd"
    }
    assert update["file"] == "agenda-v2.csv" and update["row"] == 3
    assert log["action"].tolist().count("agenda.import") == 3


def test_agenda_csv_with_errors_changes_nothing(teststad: tuple[Store, int]) -> None:
    store, division_id = teststad
    agenda.import_agenda(
        store, AGENDA_OK.encode(), "agenda.csv", division_id=division_id, actor="test"
    )
    before = (_count(store, goals), _count(store, actions), len(_log(store)))
    bad = (
        "gebiedcode,doel,indicator,streefwaarde,doeljaar,actie,eigenaar,status,reden\n"
        "A01a,Nieuw doel,x_p,NAP,2026,Actie,WPI,toegezegd,\n"  # fine on its own
        "Q99,Doel,x_p,NAP,2026,,,,\n"
        "A01a,Tweede,x_p,NAP,2026,Iets,WPI,niet mogelijk,\n"
        "A01a,Derde,x_p,NAP,2019,,,,\n"
        "A01a,Nieuw doel,r_r,NAP,2026,,,,\n"
        "A01a,Vierde,,,,Plan,WPI,klaar,\n"
        "A01a,Vijfde,x_p,NAP,2026,Een,,toegezegd,\n"
    )
    with pytest.raises(AgendaError) as info:
        agenda.import_agenda(store, bad.encode(), "fout.csv", division_id=division_id, actor="test")
    lines = str(info.value).splitlines()
    assert lines[0] == "fout.csv: 6 fout(en); er is niets opgeslagen."
    assert lines[1:] == [
        "Fout: rij 3, kolom 'gebiedcode': 'Q99' is geen gebied in deze gebiedsindeling.",
        "Fout: rij 4, kolom 'reden': ontbreekt: bij 'niet mogelijk' hoort een reden.",
        "Fout: rij 5, kolom 'doeljaar': '2019' ligt vóór het laatste jaar met gegevens voor deze "
        "indicator (2024); kies 2024 of later.",
        "Fout: rij 6, kolom 'indicator': 'r_r' wijkt af van rij 2, waar hetzelfde doel staat.",
        "Fout: rij 7, kolom 'status': 'klaar' is geen status; kies uit toegezegd, in uitvoering, "
        "gerealiseerd, niet mogelijk.",
        "Fout: rij 8, kolom 'eigenaar': is leeg; vul dit in.",
    ]
    assert (_count(store, goals), _count(store, actions), len(_log(store))) == before


def test_agenda_csv_header_problems_and_dry_run(teststad: tuple[Store, int]) -> None:
    store, division_id = teststad
    with pytest.raises(MonitorError, match="kolom 'staus' is onbekend"):
        agenda.import_agenda(
            store,
            b"gebiedcode;doel;staus\nA01a;Doel;toegezegd\n",
            "a.csv",
            division_id=division_id,
            actor="test",
        )
    with pytest.raises(MonitorError, match="de kolom\\(men\\) doel ontbreken"):
        agenda.import_agenda(
            store, b"gebiedcode;actie\nA01a;X\n", "a.csv", division_id=division_id, actor="test"
        )
    with pytest.raises(MonitorError, match="alleen een kopregel"):
        agenda.import_agenda(
            store, b"gebiedcode;doel\n", "a.csv", division_id=division_id, actor="test"
        )
    result = agenda.import_agenda(
        store, AGENDA_OK.encode(), "a.csv", division_id=division_id, dry_run=True, actor="test"
    )
    assert result.goals_added == 3
    assert _count(store, goals) == 0 and audit.entries(store).empty


NOTES_OK = (
    "gebiedcode\tdatum\trol\tbron\ttekst\n"
    'A01a\t2024-03-14\tbewoner\tbewonersavond\t"Het is donker bij de kade.\nEn er is overlast."\n'
    "A01b\t01-02-2024\tWijkagent\tschouw\t<script>alert(1)</script>\n"
    "W01\t2023-11-30\tgebiedsmanager\tenquete\tTevreden over het groen, € 5 per jaar is genoeg\n"
)


def test_verhalen_csv_import(teststad: tuple[Store, int]) -> None:
    store, division_id = teststad
    raw = b"\xef\xbb\xbf" + NOTES_OK.replace("\n", "\r\n").encode()  # UTF-8 BOM, CRLF, tabs
    result = agenda.import_notes(store, raw, "verhalen.csv", actor="ana", division_id=division_id)
    assert (result.notes_added, result.unchanged) == (3, 0)
    frame = agenda.notes_frame(store, division_id).set_index("code")
    assert frame.loc["A01a", "text"] == "Het is donker bij de kade.\nEn er is overlast."
    assert frame.loc["A01b", "text"] == "<script>alert(1)</script>"
    assert frame.loc["A01b", "author_role"] == "wijkagent"
    assert frame.loc["W01", "source_type"] == "enquête" and frame.loc["W01", "period"] == 2023
    again = agenda.import_notes(store, raw, "verhalen.csv", division_id=division_id, actor="test")
    assert (again.notes_added, again.unchanged) == (0, 3)
    bad = (
        NOTES_OK + "A01c\t2024-13-01\tbewoner\tschouw\tTekst\nA01c\t2024-01-01\tbewoner\tschouw\t\n"
    )
    with pytest.raises(AgendaError) as info:
        agenda.import_notes(store, bad.encode(), "v.csv", division_id=division_id, actor="test")
    # Rows as a spreadsheet numbers them: the two-line note of row 2 is one row.
    assert str(info.value).splitlines()[1:] == [
        "Fout: rij 5, kolom 'datum': '2024-13-01' is geen datum; gebruik jjjj-mm-dd "
        "(bv. 2024-03-14) of dd-mm-jjjj.",
        "Fout: rij 6, kolom 'tekst': is leeg; vul dit in.",
    ]
    assert _count(store, notes) == 3


def test_verhalen_from_excel(lite: tuple[Store, int], tmp_path: Path) -> None:
    import io

    import openpyxl

    store, division_id = lite
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Gebiedcode", "Datum", "Periode", "Rol", "Bron", "Tekst"])
    sheet.append(["A01a", date(2024, 5, 1), 2023, "opbouwwerker", "interview", "Goed gesprek"])
    buffer = io.BytesIO()
    book.save(buffer)
    result = agenda.import_notes(
        store, buffer.getvalue(), "v.xlsx", division_id=division_id, actor="test"
    )
    assert result.notes_added == 1
    row = agenda.notes_frame(store, division_id).iloc[0]
    assert agenda.as_date(row["date"]) == date(2024, 5, 1) and row["period"] == 2023


def test_cli_imports_report_rows_and_change_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    store = Store(url)
    store.upgrade()
    _seed(store)
    env = {"MONITOR_DATABASE_URL": url, "MONITOR_DATA_DIR": str(tmp_path / "data")}
    good = tmp_path / "agenda.csv"
    good.write_text(AGENDA_OK, encoding="utf-8")
    result = runner.invoke(cli, ["import", "agenda", str(good), "--uploader", "ana"], env=env)
    assert result.exit_code == 0, result.output
    assert "3 doelen toegevoegd" in result.output and "3 acties toegevoegd" in result.output
    bad = tmp_path / "verhalen.csv"
    bad.write_text(
        "gebiedcode;datum;rol;bron;tekst\nA01a;2024-01-01;bewoner;krant;[b]Tekst[/b]\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["import", "verhalen", str(bad)], env=env)
    assert result.exit_code != 0
    assert isinstance(result.exception, MonitorError)
    assert str(result.exception) == "verhalen.csv: 1 fout(en); er is niets opgeslagen."
    assert "rij 2, kolom 'bron': 'krant' is onbekend" in result.output
    assert _count(store, notes) == 0
    store.engine.dispose()
