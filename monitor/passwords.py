"""Password strength: long enough, and not common or trivial.

Length alone let ``aaaaaaaaaa`` through. The estimate is zxcvbn's (Dropbox's estimator,
``zxcvbn`` on PyPI): it finds common passwords, words and names, keyboard patterns,
repeats, sequences and dates, and estimates the guesses an attacker needs. A password
needs a score of :data:`MIN_SCORE` (about 10^8 guesses); when it falls short, the
message names the weakest part it found, in Dutch or English from the catalogue.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from zxcvbn import zxcvbn

from monitor.errors import MonitorError
from monitor.messages import t

MIN_LENGTH = 10
MAX_LENGTH = 1024
#: zxcvbn's scale 0–4; 3 is "safely unguessable: moderate protection from an offline
#: slow-hash scenario" (guesses ≥ 10^8), enough behind argon2id and a login rate limit.
MIN_SCORE = 3
#: Only this many leading characters are estimated (zxcvbn's matching grows with the
#: square of the length); a weak start is weak whatever follows.
ESTIMATED = 72
#: Words every guesser of this app's passwords tries first, besides the user's own names.
CONTEXT = ("buurtmonitor", "amsterdam", "gemeente")


def weakness(password: str, user_inputs: Iterable[str] = ()) -> str | None:
    """The reason ``password`` is too easy to guess (a key under ``user.weak.``), or None."""
    inputs = []
    for given in (*user_inputs, *CONTEXT):  # "Anna van Dam": also "anna", "van", "dam"
        inputs += [given, *(w for w in re.split(r"[^\w]+", given) if len(w) > 2)]
    inputs = [w.lower() for w in inputs if w]
    result = zxcvbn(password[:ESTIMATED], user_inputs=inputs)
    if result["score"] >= MIN_SCORE:
        return None
    found = [m for m in result["sequence"] if m.get("pattern") != "bruteforce"]
    if not found:
        return "guessable"
    worst = max(found, key=lambda m: len(m.get("token", "")))
    return _reason(worst)


def _reason(match: dict) -> str:
    pattern = match.get("pattern")
    if pattern == "dictionary":
        name = match.get("dictionary_name")
        if name == "passwords":
            return "common"
        if name == "user_inputs":
            return "personal"
        return "word"
    return {
        "repeat": "repeat",
        "sequence": "sequence",
        "spatial": "keyboard",
        "date": "date",
        "regex": "date",  # zxcvbn's only regex is a recent year
    }.get(str(pattern), "guessable")


def check(password: str, user_inputs: Iterable[str] = ()) -> None:
    """Refuse a password that is too short, too long, or too easy to guess."""
    if len(password) < MIN_LENGTH:
        raise MonitorError(t("user.password_short", n=MIN_LENGTH))
    if len(password) > MAX_LENGTH:
        raise MonitorError(t("user.password_long", n=MAX_LENGTH))
    reason = weakness(password, user_inputs)
    if reason is not None:
        raise MonitorError(t("user.password_weak", reason=t(f"user.weak.{reason}")))
