"""Every user-facing text goes through the message catalogue (issue 11).

A static walk (``ast``, nothing imported or run) over the code that users hear from:
``monitor/``, ``web/``, ``layouts/`` and ``app.py``.

1. No ``raise X(...)`` of a user-facing exception has a written-out text as its first
   argument (a string literal, an f-string, or a ``+``/``%`` of them, with letters in it):
   the text comes from ``t(...)``. *User-facing* means :class:`monitor.errors.MonitorError`
   and every class defined in the scanned code that inherits from it, directly or through
   another one (found by reading the class definitions, so a new subclass is covered
   without touching this test). Chosen over "every name ending in ``Error``": the
   subclasses do not all end in ``Error`` (``SsoRefused``), and not every ``…Error`` is
   shown to a user. Programmer errors (``ValueError``, ``TypeError``, ``KeyError``,
   ``RuntimeError``, ``AssertionError``, ...) are not user-facing and may say what they
   like, in English.
2. Every key given to ``t()`` as a literal exists in the catalogue, in Dutch and English;
   a key built with an f-string (``t(f"class.{klasse}")``) matches at least one key.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from monitor.messages import LANGUAGES, MESSAGES

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted(
    [
        *(p for folder in ("monitor", "web", "layouts") for p in (ROOT / folder).rglob("*.py")),
        ROOT / "app.py",
    ]
)

#: User-facing exceptions whose first argument is a code, not a text: the code picks the
#: catalogue message the user sees (``SsoRefused``: ``web.sso.ERRORS`` → ``auth.sso_*``)
#: and the later arguments are notes for the audit log. The code must be an identifier.
CODED = {"SsoRefused"}
CODE = re.compile(r"[a-z][a-z0-9_]*")

LETTERS = re.compile(r"[A-Za-z]")


def _trees() -> Iterator[tuple[str, ast.Module]]:
    for path in SOURCES:
        yield path.relative_to(ROOT).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):  # accounts.SsoRefused, agenda.AgendaError
        return node.attr
    return None


def user_facing_errors() -> set[str]:
    """MonitorError and every class in the scanned code that descends from it."""
    bases: dict[str, set[str]] = {}
    for _, tree in _trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases.setdefault(node.name, set()).update(filter(None, map(_name, node.bases)))
    found = {"MonitorError"}
    while True:
        more = {cls for cls, parents in bases.items() if parents & found} - found
        if not more:
            return found
        found |= more


def _written_text(node: ast.expr) -> bool:
    """A text written out in the code: a literal or f-string with letters, or a sum or
    %-format of such."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and bool(LETTERS.search(node.value))
    if isinstance(node, ast.JoinedStr):
        return any(_written_text(v) for v in node.values if isinstance(v, ast.Constant))
    if isinstance(node, ast.BinOp):
        return _written_text(node.left) or _written_text(node.right)
    return False


def _raises_text(node: ast.AST, errors: set[str]) -> bool:
    """Whether ``node`` raises a user-facing error with a written-out text."""
    if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
        return False
    call = node.exc
    cls = _name(call.func)
    if cls not in errors or not call.args:
        return False
    first = call.args[0]
    if cls in CODED and isinstance(first, ast.Constant) and CODE.fullmatch(str(first.value)):
        return False
    return _written_text(first)


def literal_raises() -> dict[str, list[str]]:
    """File → ``line`` of every raise of a user-facing error with a written text."""
    errors = user_facing_errors()
    found: dict[str, list[str]] = {}
    for name, tree in _trees():
        for node in ast.walk(tree):
            if _raises_text(node, errors):
                found.setdefault(name, []).append(str(node.lineno))
    return found


def test_the_user_facing_errors_are_found() -> None:
    errors = user_facing_errors()
    assert {"MonitorError", "ProblemsError", "AgendaError", "SpreadError", "SsoRefused"} <= errors
    assert not errors & {"ValueError", "TypeError", "KeyError", "RuntimeError"}


def test_no_written_text_is_raised_to_a_user() -> None:
    found = literal_raises()
    assert not found, f"written-out texts in raise (use t() and the catalogue): {found}"


def test_the_scan_sees_a_written_text() -> None:
    """The scan itself: a literal, an f-string, a sum and a code with a space are found;
    t(), a code, only placeholders and a programmer error are not."""
    tree = ast.parse(
        "raise MonitorError('Bestand bestaat niet.')\n"
        "raise accounts.SsoRefused('geen_naam', f'reden {x}')\n"
        "raise MonitorError(f'{x}: onbekend')\n"
        "raise MonitorError('Fout: ' + str(x))\n"
        "raise MonitorError(t('file.missing', path=x))\n"
        "raise MonitorError(f'{a} {b}')\n"
        "raise SsoRefused('geen naam', 'x')\n"
        "raise ValueError('Bestand bestaat niet.')\n"
    )
    raises = [n for n in tree.body if isinstance(n, ast.Raise)]
    found = [_raises_text(n, {"MonitorError", "SsoRefused"}) for n in raises]
    assert found == [True, False, True, True, False, False, True, False]


def _t_calls() -> Iterator[tuple[str, ast.Call]]:
    """Calls of ``t`` in the files that import it from the catalogue."""
    for name, tree in _trees():
        imports_t = any(
            isinstance(n, ast.ImportFrom)
            and n.module == "monitor.messages"
            and any(a.name == "t" and a.asname is None for a in n.names)
            for n in ast.walk(tree)
        )
        if not imports_t:
            continue
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "t"
            ):
                yield name, node


def test_every_literal_key_is_in_the_catalogue_in_both_languages() -> None:
    missing, one_language, no_match, calls = [], [], [], 0
    for name, call in _t_calls():
        if not call.args:
            continue
        key = call.args[0]
        calls += 1
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            entry = MESSAGES.get(key.value)
            if entry is None:
                missing.append(f"{name}:{call.lineno} {key.value}")
            elif not all(entry.get(lang) for lang in LANGUAGES):
                one_language.append(f"{name}:{call.lineno} {key.value}")
        elif isinstance(key, ast.JoinedStr):
            parts = [
                re.escape(v.value) if isinstance(v, ast.Constant) else ".+" for v in key.values
            ]
            pattern = re.compile("".join(parts))
            if not any(pattern.fullmatch(k) for k in MESSAGES):
                no_match.append(f"{name}:{call.lineno} {pattern.pattern}")
    assert calls > 500, "the scan found too few t() calls"
    assert not missing, f"keys not in the catalogue: {missing}"
    assert not one_language, f"keys without Dutch or English: {one_language}"
    assert not no_match, f"built keys that match no key: {no_match}"


def test_no_t_call_passes_a_parameter_named_key() -> None:
    """``t(key, lang, **params)``: a ``key=`` parameter clashes with the key itself."""
    clashes = [
        f"{name}:{call.lineno}"
        for name, call in _t_calls()
        if any(k.arg == "key" for k in call.keywords)
    ]
    assert not clashes, clashes


def test_the_catalogue_needs_no_key_parameter() -> None:
    """Nor does a text ask for ``{key}`` (it could never be filled)."""
    asking = [k for k, entry in MESSAGES.items() if any("{key}" in v for v in entry.values())]
    assert not asking, asking
