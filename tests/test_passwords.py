"""Passwords: common and trivial ones are refused (zxcvbn), with the reason in Dutch or
English; through ``monitor.users``, the CLI and the message catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from monitor import passwords, users
from monitor.errors import MonitorError
from monitor.messages import t
from monitor.store import Store


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("aaaaaaaaaa", "repeat"),  # accepted on today's main: length was the only rule
        ("abcabcabcabc", "repeat"),
        ("password123", "common"),
        ("1234567890", "common"),
        ("qwertyuiop", "common"),
        ("abcdefghijk", "sequence"),
        ("amsterdam2024", "personal"),
        ("anna-amsterdam", "personal"),
        ("Wachtwoord1!", "common"),
    ],
)
def test_trivial_passwords_are_refused_with_the_reason(password: str, reason: str) -> None:
    assert passwords.weakness(password, ["anna"]) == reason
    with pytest.raises(MonitorError) as refused:
        users.check_password(password, "anna")
    text = str(refused.value)
    assert text.startswith("Dit wachtwoord is te makkelijk te raden: ")
    assert t(f"user.weak.{reason}") in text


@pytest.mark.parametrize(
    "password",
    [
        "correct horse battery staple",
        "een lang geheim 42",
        "fiets-lantaarn-zeef-ochtend",
        "x" * 9 + "Zq!7vR2#",
    ],
)
def test_strong_passwords_pass(password: str) -> None:
    assert passwords.weakness(password, ["anna"]) is None
    users.check_password(password, "anna")


def test_length_rules_come_first() -> None:
    with pytest.raises(MonitorError, match="minstens 10 tekens"):
        users.check_password("Zq!7vR2#")
    with pytest.raises(MonitorError, match="hoogstens 1024 tekens"):
        users.check_password("a" * 1025)
    # Long but trivial: only the start is estimated, and it is a repeat.
    assert passwords.weakness("a" * 1024) == "repeat"


def test_every_reason_has_both_languages() -> None:
    for reason in ("common", "personal", "word", "repeat", "sequence", "keyboard", "date"):
        nl, en = t(f"user.weak.{reason}", "nl"), t(f"user.weak.{reason}", "en")
        assert nl and en and nl != en
    assert "too easy to guess" in t("user.password_weak", "en", reason="x")


def test_the_store_refuses_weak_passwords(store: Store) -> None:
    with pytest.raises(MonitorError, match="te makkelijk te raden"):
        users.add(store, "piet", "aaaaaaaaaa", "lezer", actor="test")
    users.add(store, "piet", "een lang geheim 42", "lezer", actor="test")
    with pytest.raises(MonitorError, match="gebruikersnaam, de naam"):
        users.set_password(store, "piet", "piet-amsterdam", actor="test")


def test_the_cli_refuses_a_weak_password(tmp_path: Path, monkeypatch) -> None:
    from monitor.cli import app as cli

    monkeypatch.setenv("MONITOR_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite'}")
    runner = CliRunner()
    assert runner.invoke(cli, ["user", "ensure-admin"]).exit_code == 0
    refused = runner.invoke(
        cli, ["user", "add", "bob", "--wachtwoord-stdin"], input="qwertyuiop123\n"
    )
    assert refused.exit_code != 0
    said = refused.output + str(refused.exception)  # main() prints what the runner keeps
    assert "te makkelijk te raden" in said and "veelgebruikte wachtwoorden" in said
    ok = runner.invoke(
        cli, ["user", "add", "bob", "--wachtwoord-stdin"], input="fiets-lantaarn-zeef-ochtend\n"
    )
    assert ok.exit_code == 0, ok.output
