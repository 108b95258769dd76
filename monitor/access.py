"""Roles and who may do what: pure rules, no web framework.

Three roles, from least to most rights; a higher role can do everything a lower one can.
The web glue (``web/``) marks every callback and view with the role it needs and checks it
per request; the core uses the same rules where it decides itself (undo and redo of an
upload, account management).
"""

from __future__ import annotations

#: Roles from least to most rights; a higher role can do everything a lower one can.
ROLES: tuple[str, ...] = ("lezer", "analist", "beheerder")
#: What reading needs: the lowest role (or nothing at all when public read is on).
READ = ROLES[0]


def allows(user_role: str | None, needed: str) -> bool:
    """Whether ``user_role`` (None: not logged in) may do what needs ``needed``."""
    if user_role not in ROLES:
        return False
    return ROLES.index(user_role) >= ROLES.index(needed)


def highest(roles: list[str] | tuple[str, ...]) -> str | None:
    """The role with the most rights among ``roles``; None when there are none."""
    known = [role for role in roles if role in ROLES]
    return max(known, key=ROLES.index) if known else None
