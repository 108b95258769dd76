"""``monitor import meetingen`` shows a bar of its steps with counts on a terminal
("2 waarden controleren… ━━━━╺━━━━ 1/4"), and prints exactly what it printed before when
its output goes to a file or a pipe (scripts and logs see no bar and no stray lines)."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from monitor import demo
from monitor.store import Store

ROOT = Path(__file__).resolve().parents[1]
FILE = (
    "gebiedcode;indicator;periode;waarde\n"
    "N01a;werkloosheid_p;2024;4,25\n"
    "N01b;werkloosheid_p;2024;3,8\n"
)
#: What the command printed before the bar (the spinner), on a demo store.
EXPECTED = """\
m.csv: formaat: lang, 2 waarden gelezen, 0 fouten, 0 waarschuwingen.
                          Voorbeeld
┏━━━━━━━━━━━━━━━━┳━━━━━━━━━┳━━━━━━━┳━━━━━━━━━━━┳━━━━━━━━━━━━━┓
┃ indicator      ┃ periode ┃ nieuw ┃ gewijzigd ┃ ongewijzigd ┃
┡━━━━━━━━━━━━━━━━╇━━━━━━━━━╇━━━━━━━╇━━━━━━━━━━━╇━━━━━━━━━━━━━┩
│ werkloosheid_p │ 2024    │ 0     │ 1         │ 1           │
└────────────────┴─────────┴───────┴───────────┴─────────────┘
  N01a werkloosheid_p 2024: 3.5 → 4.25
Gepubliceerd als upload 5: 2 meetingen.
"""


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    store = Store(url)
    store.upgrade()
    demo.install(store)
    store.engine.dispose()
    (tmp_path / "m.csv").write_text(FILE)
    return dict(
        os.environ,
        MONITOR_DATABASE_URL=url,
        MONITOR_DATA_DIR=str(tmp_path / "data"),
        COLUMNS="80",
        PYTHONPATH=str(ROOT),
    )


def command(tmp_path: Path) -> list[str]:
    return [sys.executable, "-m", "monitor.cli", "import", "meetingen", str(tmp_path / "m.csv")]


def test_without_a_terminal_the_output_is_as_before(tmp_path: Path, env: dict[str, str]) -> None:
    done = subprocess.run(
        [*command(tmp_path), "--bevestig"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert [line.rstrip() for line in done.stdout.splitlines()] == EXPECTED.splitlines()
    assert done.stderr == ""  # no bar, and no blank lines the spinner used to leave


def test_on_a_terminal_a_bar_counts_the_steps(tmp_path: Path, env: dict[str, str]) -> None:
    main, terminal = pty.openpty()
    proc = subprocess.Popen(
        [*command(tmp_path), "--bevestig"],
        cwd=ROOT,
        env=env | {"TERM": "xterm", "COLUMNS": "100"},
        stdout=subprocess.PIPE,
        stderr=terminal,
    )
    os.close(terminal)
    shown = b""
    while True:
        ready, _, _ = select.select([main], [], [], 0.5)
        if ready:
            try:
                data = os.read(main, 65536)
            except OSError:  # the command ended and closed the terminal
                break
            if not data:
                break
            shown += data
        elif proc.poll() is not None:
            break
    stdout = proc.stdout.read().decode()
    assert proc.wait(timeout=60) == 0
    os.close(main)
    text = shown.decode(errors="replace")
    # Each step with its count of four (reading, checking, comparing, publishing) ...
    assert "m.csv lezen…" in text and "0/4" in text
    assert "2 waarden controleren…" in text and "1/4" in text
    assert "Vergelijken met de gepubliceerde waarden…" in text and "2/4" in text
    assert "2 meetingen publiceren en scores berekenen…" in text and "3/4" in text
    assert "━" in text  # the bar itself
    # ... on the terminal only: the report is unchanged.
    assert [line.rstrip() for line in stdout.splitlines()] == EXPECTED.splitlines()


def test_a_dry_run_counts_three_steps(tmp_path: Path, env: dict[str, str]) -> None:
    main, terminal = pty.openpty()
    done = subprocess.run(
        [*command(tmp_path), "--dry-run"],
        cwd=ROOT,
        env=env | {"TERM": "xterm", "COLUMNS": "100"},
        stdout=subprocess.PIPE,
        stderr=terminal,
        timeout=300,
    )
    os.close(terminal)
    shown = b""
    while select.select([main], [], [], 0.2)[0]:
        try:
            data = os.read(main, 65536)
        except OSError:
            break
        if not data:
            break
        shown += data
    os.close(main)
    assert done.returncode == 0
    text = shown.decode(errors="replace")
    assert "2/3" in text and "/4" not in text and "publiceren" not in text
