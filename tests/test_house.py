"""The house rules that a reader of the tree can check: files stay small enough to read."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: Hard limit; the aim is under ~500 lines, one responsibility per file.
MAX_LINES = 600
#: Data, not logic: the message catalogue and the Alembic revisions.
EXEMPT = ("monitor/messages/", "monitor/migrations/")


def test_no_source_file_is_too_long_to_read() -> None:
    long = []
    for folder in ("monitor", "layouts", "web"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if relative.startswith(EXEMPT):
                continue
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > MAX_LINES:
                long.append(f"{relative}: {lines} lines")
    assert not long, "split these files by responsibility:\n" + "\n".join(long)


def test_no_package_module_hides_a_name_the_package_exports() -> None:
    """Importing ``monitor.store.scores`` would replace the ``scores`` table that
    ``monitor.store`` re-exports with the module: every such pair is a trap."""
    import importlib
    import pkgutil

    for name in ("monitor.store", "monitor.scoring", "monitor.agenda", "monitor.budget"):
        package = importlib.import_module(name)
        exported = set(getattr(package, "__all__", ()))
        modules = {info.name for info in pkgutil.iter_modules(package.__path__)}
        assert not exported & modules, f"{name}: {sorted(exported & modules)}"


def test_all_sql_is_behind_the_store() -> None:
    """Queries are built and run only in ``monitor/store/`` (and the migrations); the rest
    of the core calls the store."""
    import re

    query = re.compile(r"\bsa\.(select|insert|update|delete|text|func)\b|\.execute\(")
    found = []
    for path in sorted((ROOT / "monitor").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith(("monitor/store/", "monitor/migrations/")):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if query.search(line):
                found.append(f"{relative}:{number}: {line.strip()}")
    assert not found, "SQL outside monitor/store/:\n" + "\n".join(found)
