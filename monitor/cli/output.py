"""Shared output of the command line: consoles, the store, progress, tables and the
validation report of an import."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Column, Table

from monitor import forked
from monitor.errors import MonitorError
from monitor.messages import format_name, t
from monitor.store import LEVELS, Store

out = Console()
err = Console(stderr=True)

Division = Annotated[str | None, typer.Option(help="Gebiedsindeling (standaard: de actieve).")]
Bevestig = Annotated[
    bool, typer.Option("--bevestig", help="Wijzigen van gepubliceerde waarden toestaan.")
]


def open_store() -> Store:
    store = Store()
    if not store.is_initialised():
        raise MonitorError(t("cli.not_initialised"))
    return store


@contextmanager
def working(message: str) -> Iterator[None]:
    """A spinner with elapsed time for work that takes more than a moment."""
    with _shown(
        Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=err,
            transient=True,
        )
    ) as progress:
        progress.add_task(message, total=None)
        yield


@contextmanager
def steps(total: int) -> Iterator[Callable[[str, int], None]]:
    """A bar of ``total`` steps on stderr, with the count done ("2/4"), what happens now
    (with its numbers, "Waarden controleren (441.000 rijen)") and the time so far. Yields
    ``step(text, done)``. Nothing at all when stderr is not a terminal (a script, a log):
    the output there stays what the command prints."""
    if not err.is_terminal:
        yield lambda _text, _done: None
        return
    with _shown(
        Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            transient=True,
        )
    ) as progress:
        task = progress.add_task("", total=total)

        def step(text: str, done: int) -> None:
            progress.update(task, description=text, completed=done)
            progress.refresh()  # a short step is shown too, not only the next tick

        yield step


@contextmanager
def _shown(progress: Progress) -> Iterator[Progress]:
    """A progress display on the terminal. Its refresh thread only redraws it, so a
    publish may still score in a forked child meanwhile (:func:`monitor.forked.tolerate`)."""
    before = set(threading.enumerate())
    with progress:
        for thread in set(threading.enumerate()) - before:
            forked.tolerate(thread)
        yield progress


def check_level(level: str) -> str:
    if level not in LEVELS:
        raise MonitorError(t("scoring.err.unknown_level", level=level, choices=", ".join(LEVELS)))
    return level


def time_column(header: str) -> Column:
    """A column of times (``4 dec 2026 15:02 CET``) that stays on one line."""
    return Column(header, no_wrap=True)


def cell(value: object) -> str:
    """A table cell as plain text: empty for None and NaN (pandas' missing values)."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value)


def print_report(checked) -> None:
    """Report and preview of a checked file: meetingen, or budget lines (kind begroting)."""
    from monitor.numbers import format_value
    from monitor.store import BUDGET_KIND

    report = checked.report
    is_budget = checked.kind == BUDGET_KIND
    rows = len(checked.parsed.frame)
    read = (
        t("cli.report.read_budget", n=rows)
        if is_budget
        else t("cli.report.read_values", format=format_name(checked.parsed.format), n=rows)
    )
    out.print(
        t(
            "cli.report.summary",
            name=checked.name,
            read=read,
            errors=len(report.errors),
            warnings=len(report.warnings),
        ),
        highlight=False,
    )
    for line in report.skipped:
        out.print(t("cli.report.skipped", line=line), markup=False, highlight=False)
    for line in report.lines():
        out.print(f"  {line}", markup=False, highlight=False)
    if checked.preview is not None and not checked.preview.table.empty:
        key = ("programme", "year") if is_budget else ("indicator", "period")
        table = Table(
            *(t(f"cli.col.{k}") for k in (*key, "new", "changed", "unchanged")),
            title=t("cli.col.preview"),
        )
        for row in checked.preview.table.itertuples(index=False):
            table.add_row(str(row[0]), str(row[1]), *(str(int(v)) for v in row[2:]))
        out.print(table)

        def euro(value: float) -> str:
            return format_value(value, "€", 2)

        for row in checked.preview.changes.head(20).itertuples(index=False):
            text = (
                t(
                    "cli.report.budget_change",
                    code=row.code,
                    year=row.year,
                    programme=row.programme,
                    description=row.description,
                    planned_old=euro(row.planned_oud),
                    planned=euro(row.planned),
                    realised_old=euro(row.realised_oud),
                    realised=euro(row.realised),
                )
                if is_budget
                else f"{row.code} {row.indicator_id} {row.period}: {row.oud:g} → {row.nieuw:g}"
            )
            out.print(f"  {text}", markup=False, highlight=False)
    print_incomplete(checked.preview)


def print_incomplete(preview) -> None:
    """The preview's warning about indicator-years that would get no colours."""
    from monitor.scoring.coverage import upload_warning

    if preview is None or not getattr(preview, "incomplete", None):
        return
    out.print(f"[yellow]{t('coverage.upload_title')}[/]")
    for cov in preview.incomplete:
        out.print(f"  {upload_warning(cov)}", markup=False, highlight=False)
    note = t("coverage.upload_note", code=preview.city_code or "?")
    out.print(f"  {note}", markup=False, highlight=False)


def status_column() -> Column:
    """An upload's status is never cut short ("gepublicee…"): other columns give way."""
    return Column(t("cli.col.status"), no_wrap=True, min_width=len("ongedaan gemaakt"))


def os_user() -> str:
    """Who runs the CLI: the audit log's actor for user changes from the command line."""
    import getpass

    return getpass.getuser()


def safe_url(url: str) -> str:
    """The database URL without a password, for printing."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
