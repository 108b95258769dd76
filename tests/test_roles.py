"""The pure access rules of ``monitor/access.py``: no Flask, no store."""

from __future__ import annotations

import pytest

from monitor.access import READ, ROLES, allows, highest


def test_roles_are_ordered_and_reading_needs_the_lowest() -> None:
    assert ROLES == ("lezer", "analist", "beheerder")
    assert READ == "lezer"


@pytest.mark.parametrize("needed", ROLES)
@pytest.mark.parametrize("role", [None, "", "baas", *ROLES])
def test_a_role_allows_what_it_or_a_lower_role_needs(role: str | None, needed: str) -> None:
    expected = role in ROLES and ROLES.index(role) >= ROLES.index(needed)
    assert allows(role, needed) is expected


def test_highest_role() -> None:
    assert highest(["lezer", "beheerder", "analist"]) == "beheerder"
    assert highest(("analist", "lezer")) == "analist"
    assert highest(["baas", "lezer"]) == "lezer"
    assert highest([]) is None
