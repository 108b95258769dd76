"""Ingest and the budget model speak through the message catalogue: every key they use
exists in Dutch and English, no Dutch sentence is raised or put into a problem, the
budget model never imports ingest, and a report reads in either language."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pandas as pd

from monitor.ingest.report import Collector, Report
from monitor.messages import MESSAGES
from monitor.problems import ERROR, Problem, Suggestion

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted(
    [*(ROOT / "monitor" / "ingest").glob("*.py"), *(ROOT / "monitor" / "budget").glob("*.py")]
)
PREFIXES = ("ingest", "parse", "publish", "file", "budget_check", "programmes", "bbga", "problem")
KEY = re.compile(rf"^(?:{'|'.join(PREFIXES)})\.[a-z_]*[a-z]$")


def _strings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]


def test_every_key_used_is_in_the_catalogue_in_both_languages() -> None:
    used = {s for path in SOURCES for s in _strings(path) if KEY.match(s)}
    assert used, "no message keys found"
    for key in sorted(used):
        assert key in MESSAGES, key
        assert MESSAGES[key].get("nl") and MESSAGES[key].get("en"), key


def test_no_formatted_text_is_raised() -> None:
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "MonitorError":
                assert not any(isinstance(a, ast.JoinedStr | ast.Constant) for a in node.args), (
                    f"{path.name}:{node.lineno}: a literal text in MonitorError"
                )


def test_the_budget_model_never_imports_ingest() -> None:
    for path in (ROOT / "monitor" / "budget").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        modules += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        assert not [m for m in modules if m.startswith("monitor.ingest")], path.name


def test_a_report_reads_in_dutch_and_english() -> None:
    col = Collector()
    rows = pd.DataFrame({"row": [2, 3]})
    col.add(
        ERROR,
        rows,
        "periode",
        pd.Series(["twintig", "x"]),
        "ingest.not_a_year",
        Suggestion("ingest.hint_year"),
    )
    report = Report(col.in_order(), pd.DataFrame(), col.counts)
    assert report.lines()[0] == (
        "Fout: rij 2, kolom 'periode': 'twintig' is geen jaartal. "
        "Gebruik een jaar van vier cijfers, bv. 2024."
    )
    assert report.lines("en")[0] == (
        "Error: row 2, column 'periode': 'twintig' is not a year. "
        "Use a year of four digits, e.g. 2024."
    )
    assert not report.ok and [p.key for p in report.errors] == ["ingest.not_a_year"] * 2


def test_problems_beyond_the_listed_ones_are_counted() -> None:
    report = Report(
        [Problem("ingest.not_a_number", row=2, column="waarde", value="x")],
        pd.DataFrame(),
        {("ingest.not_a_number", ()): 250},
    )
    assert report.lines()[-1] == "… en nog 249 keer: is geen getal."
    assert report.lines("en")[-1] == "… and 249 more times: is not a number."
