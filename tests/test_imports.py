"""The layers stay apart: the core (``monitor/``) never imports the web glue.

A static walk over the source (``ast``), not an import: it sees every import, including
those inside functions and under ``if TYPE_CHECKING``, without running anything. One more
test imports every core module in a fresh interpreter, for what comes in through a
third-party package.

Plotly is forbidden in the core as well: the core uses none today (the gebiedsanalyse PDF
draws its charts with reportlab), and charts are drawn by the pages.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: Top-level modules the core may not import: web frameworks, their plug-ins, the chart
#: library of the pages, and the two layers above the core.
FORBIDDEN_IN_CORE = frozenset(
    {
        "flask",
        "flask_login",
        "flask_wtf",
        "flask_compress",
        "werkzeug",
        "authlib",
        "joserfc",
        "dash",
        "dash_leaflet",
        "dash_extensions",
        "plotly",
        "web",
        "layouts",
        "app",
    }
)
#: (file, imported module) pairs tolerated for now, each with its reason. Remove an entry
#: as soon as its import is gone.


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path, module: str | None = None) -> list[tuple[int, str, bool]]:
    """(line, absolute module name, inside a function) of every import in ``path``, whose
    own module name is ``module`` (by default: from its place under the project root)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = (module or _module_name(path)).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found: list[tuple[int, str, bool]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name, in_function) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            found.append((node.lineno, name, in_function))
        inner = in_function or isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        for child in ast.iter_child_nodes(node):
            visit(child, inner)

    visit(tree, False)
    return found


def _sources(folder: str) -> list[Path]:
    files = sorted((ROOT / folder).rglob("*.py"))
    assert files, f"no Python files under {folder}/"
    return files


def test_the_walk_sees_relative_and_function_local_imports(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import os\nfrom . import parse\nfrom ..store import Store\n"
        "def f():\n    from flask import request\n    import dash.html\n",
        encoding="utf-8",
    )
    assert imports_of(probe, "monitor.ingest.probe") == [
        (1, "os", False),
        (2, "monitor.ingest", False),
        (3, "monitor.store", False),
        (5, "flask", True),
        (6, "dash.html", True),
    ]


def test_the_core_imports_no_web_framework_and_no_upper_layer() -> None:
    wrong = []
    for path in _sources("monitor"):
        relative = path.relative_to(ROOT).as_posix()
        for line, name, _local in imports_of(path):
            top = name.split(".")[0]
            if top in FORBIDDEN_IN_CORE:
                wrong.append(f"{relative}:{line} imports {name}")
    assert not wrong, "the core must stay free of the web layer:\n" + "\n".join(wrong)


def test_the_web_glue_imports_no_pages_and_hides_no_cycles() -> None:
    """``web/`` sits below the pages and ``app.py``; and it imports at the top of its
    modules only, so an import cycle cannot hide inside a function."""
    wrong = []
    for path in _sources("web"):
        relative = path.relative_to(ROOT).as_posix()
        for line, name, local in imports_of(path):
            if name.split(".")[0] in ("layouts", "app"):
                wrong.append(f"{relative}:{line} imports {name}")
            if local:
                wrong.append(f"{relative}:{line} imports {name} inside a function")
    assert not wrong, "\n".join(wrong)


def test_the_access_rules_are_pure() -> None:
    """``monitor/access.py`` holds the roles and rules only: no imports beyond the
    standard library's ``__future__``."""
    names = {name for _line, name, _local in imports_of(ROOT / "monitor" / "access.py")}
    assert names <= {"__future__"}


def test_importing_the_whole_core_loads_no_web_framework() -> None:
    """What the static walk cannot see: a web framework pulled in by a package the core
    uses. Every module under ``monitor/`` (the Alembic revisions aside: they run inside
    Alembic only) is imported in a fresh interpreter."""
    script = (
        "import importlib, pkgutil, sys, monitor\n"
        "for info in pkgutil.walk_packages(monitor.__path__, 'monitor.'):\n"
        "    skip = info.name.startswith('monitor.migrations') or info.name.endswith('__main__')\n"
        "    if not skip:\n"
        "        importlib.import_module(info.name)\n"
        "print(' '.join(sorted({name.split('.')[0] for name in sys.modules})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    loaded = set(done.stdout.split())
    assert "monitor" in loaded
    assert not loaded & FORBIDDEN_IN_CORE
