"""The buurtprofiel's pieces kept rendered (layouts/kept.py): a second visit renders
nothing again and answers the same; a publish of werkloosheid renders only the table
that shows it, and the page then equals a page rendered from scratch; a new verhaal, a
changed goal and a budget upload each show at once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench import loadtest
from layouts import profiel
from monitor import agenda, cache, profile
from monitor.ingest import budget as budget_ingest
from monitor.ingest.upload import check, publish
from tests.support import client_for, csrf_header, dash_app_in_process

CODE = "O01a"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    monkeypatch.delenv("MONITOR_REDIS_URL", raising=False)
    cache._caches.clear()
    profile._profiles.clear()
    built: list[str] = []
    section = profiel._section

    def counted(title: str, *args: Any, **kwargs: Any) -> Any:
        built.append(title)
        return section(title, *args, **kwargs)

    monkeypatch.setattr(profiel, "_section", counted)
    with dash_app_in_process(tmp_path, public_read=True) as dash_app:
        import app as app_module

        client = client_for(dash_app, None)
        headers = csrf_header(client)
        deps = client.get("/_dash-dependencies").get_json()

        def page() -> dict[str, Any]:
            body = loadtest.page_body(deps, CODE)
            answer = client.post("/_dash-update-component", json=body, headers=headers)
            assert answer.status_code == 200, answer.get_data(as_text=True)[:300]
            return answer.get_json()["response"]

        yield {"page": page, "built": built, "store": app_module.get_store()}
    cache._caches.clear()
    profile._profiles.clear()


def nodes(tree: Any) -> Iterator[dict[str, Any]]:
    """Every component (as JSON) in an answer."""
    if isinstance(tree, list):
        for item in tree:
            yield from nodes(item)
    elif isinstance(tree, dict):
        if "props" in tree and "type" in tree:
            yield tree
            for value in tree["props"].values():
                yield from nodes(value)
        else:
            for value in tree.values():
                yield from nodes(value)


def text(tree: Any) -> str:
    """The words of a component tree, as a screen reader would find them."""
    if isinstance(tree, str | int | float):
        return str(tree)
    if isinstance(tree, list):
        return " ".join(text(t) for t in tree)
    if isinstance(tree, dict) and "props" in tree:
        return text(tree["props"].get("children"))
    return ""


def row(answer: dict[str, Any], indicator: str) -> list[str]:
    """The cells of the indicator's row in the profile's tables."""
    for node in nodes(answer):
        if node["props"].get("data-indicator") == indicator and node["type"] == "Tr":
            return [text(cell) for cell in node["props"]["children"]]
    raise AssertionError(f"no row for {indicator}")


def section(answer: dict[str, Any], element_id: str) -> str:
    for node in nodes(answer):
        if node["props"].get("id") == element_id:
            return text(node)
    raise AssertionError(f"no {element_id}")


def fresh(page: Any) -> dict[str, Any]:
    """The page rendered with every kept piece and profile forgotten."""
    cache._caches.clear()
    profile._profiles.clear()
    return page()


def test_a_publish_renders_only_the_table_it_changed(site: dict[str, Any]) -> None:
    page, built, store = site["page"], site["built"], site["store"]
    first = page()
    tables = list(built)
    assert len(tables) >= 3  # the demo's domains, each an open table
    assert row(first, "werkloosheid_p")[2] != "3,3%"

    built.clear()
    assert page() == first  # all kept: nothing rendered again, the same answer
    assert built == []

    raw = f"gebiedcode;indicator;periode;waarde\n{CODE};werkloosheid_p;2024;3,3\n".encode()
    publish(store, check(store, raw, "nieuw.csv"), uploader="anna", confirm_changes=True)
    after = page()
    assert row(after, "werkloosheid_p")[1:3] == ["2024", "3,3%"]
    # Only werkloosheid's domain table was rendered again; the others were kept.
    assert len(built) == 1 and built[0] in tables
    assert row(after, "onveilig_p") == row(first, "onveilig_p")
    built.clear()
    assert fresh(page) == after


def test_verhalen_goals_and_budget_show_their_changes_at_once(site: dict[str, Any]) -> None:
    page, built, store = site["page"], site["built"], site["store"]
    division = store.division_id()
    first = page()
    assert "Nieuw buurtverhaal over de speeltuin" not in section(first, "profiel-verhalen")

    agenda.add_note(
        store,
        division,
        code=CODE,
        text="Nieuw buurtverhaal over de speeltuin",
        author_role="bewoner",
        source_type="bewonersavond",
        date="2026-11-20",
        actor="test",
    )
    built.clear()
    after_note = page()
    assert "Nieuw buurtverhaal over de speeltuin" in section(after_note, "profiel-verhalen")
    assert built == []  # a verhaal leaves the indicator tables

    goals = agenda.goals_frame(store, division, CODE)
    goal = goals[goals["indicator_id"] == "werkloosheid_p"].iloc[0]
    assert "4,5" not in section(after_note, "profiel-agenda")
    agenda.update_goal(
        store,
        int(goal["id"]),
        text=str(goal["text"]),
        indicator="werkloosheid_p",
        target="4,5",
        year=2026,
        actor="test",
    )
    after_goal = page()
    assert "4,5" in section(after_goal, "profiel-agenda")

    budget_before = section(after_goal, "profiel-begroting")
    lines = "gebiedcode;jaar;programma;omschrijving;begroot;gerealiseerd\n"
    lines += f"{CODE};2024;Bestuur en gebiedsmanagement;Extra banenmarkt;987654;0\n"
    checked = budget_ingest.check(store, lines.encode(), "begroting.csv")
    assert checked.report.ok, checked.report
    budget_ingest.publish(store, checked, uploader="anna", confirm_changes=True)
    after_budget = page()
    assert section(after_budget, "profiel-begroting") != budget_before
    assert fresh(page) == after_budget
