"""``monitor score``: an indicator scored against the NAP for every area of a level."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.table import Table

from monitor.cli.apps import app
from monitor.cli.output import Division, check_level, open_store, out
from monitor.errors import MonitorError


def scored(
    indicator: str,
    period: int,
    level: str,
    method: str | None,
    reference: str,
    base_year: int | None,
    band: float | None,
    reliability: bool,
    lang: str,
    division: str | None,
):
    from monitor.scoring import Scorer

    store = open_store()
    scorer = Scorer(store, store.division_id(division))
    return scorer.score(
        indicator,
        period,
        check_level(level),
        method=method,
        reference=reference,
        base_year=base_year,
        band=band,
        reliability=reliability,
        lang=lang,
    )


ScoreOptions = {
    "method": typer.Option(help="z (standaard), z5, relatief, absoluut of index."),
    "reference": typer.Option(help="stadswaarde of basisjaar."),
}


@app.command()
def score(
    indicator: Annotated[str, typer.Argument(help="Indicator-id, bv. PREGWERKL_P.")],
    period: Annotated[int, typer.Option(help="Jaar.")],
    level: Annotated[str, typer.Option(help="buurt, wijk, gebied, stadsdeel.")],
    method: Annotated[str | None, ScoreOptions["method"]] = None,
    reference: Annotated[str, ScoreOptions["reference"]] = "stadswaarde",
    base_year: Annotated[
        int | None, typer.Option(help="Basisjaar bij --reference basisjaar.")
    ] = None,
    band: Annotated[float | None, typer.Option(help="Breedte van de band 'rond'.")] = None,
    reliability: Annotated[bool, typer.Option(help="Betrouwbaarheidsinterval toepassen.")] = True,
    format: Annotated[str, typer.Option(help="table, csv of json.")] = "table",
    lang: Annotated[str, typer.Option(help="nl of en.")] = "nl",
    division: Division = None,
) -> None:
    """Scoor een indicator tegen het NAP voor alle gebieden van een niveau."""
    from monitor.export import scores_csv
    from monitor.scoring import OUTPUT_FIELDS, records

    frame = scored(
        indicator, period, level, method, reference, base_year, band, reliability, lang, division
    )
    if format == "json":
        sys.stdout.write(json.dumps(records(frame), ensure_ascii=False, indent=1) + "\n")
    elif format == "csv":
        sys.stdout.write(scores_csv(frame))
    elif format == "table":
        _print_table(frame, OUTPUT_FIELDS, lang)
    else:
        raise MonitorError(f"Formaat '{format}' onbekend; kies table, csv of json.")


def _print_table(frame, fields: list[str], lang: str) -> None:
    from monitor.messages import class_label, t
    from monitor.numbers import format_number

    first = frame.iloc[0] if len(frame) else None
    title = None
    if first is not None:
        title = (
            f"{frame['indicator'].iloc[0]} {frame['period'].iloc[0]} — NAP "
            f"{format_number(first['nap'], 2, lang)} ({first['nap_source']}), spreiding "
            f"{format_number(first['spread'], 2, lang)}"
        )
        from monitor.scoring.coverage import incomplete, nap_line

        coverage = incomplete(frame)
        if coverage is not None:  # no NAP: say why nothing is coloured
            title = f"{frame['indicator'].iloc[0]} — {nap_line(coverage, lang)}"
    table = Table(
        *[t(f"col.{f}", lang) for f in fields if f not in ("nap", "nap_source", "spread")],
        title=title,
    )
    for row in frame.itertuples():
        table.add_row(
            row.code,
            row.naam,
            format_number(row.value, 2, lang),
            format_number(row.z, 2, lang),
            class_label(row.klasse, lang, frame.attrs.get("gemeente")),
            row.reden,
        )
    out.print(table)
