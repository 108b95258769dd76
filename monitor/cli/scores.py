"""``monitor score``: an indicator scored against the NAP for every area of a level."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.table import Table

from monitor.cli.apps import app, scores_app
from monitor.cli.output import Division, check_level, err, open_store, out
from monitor.errors import MonitorError
from monitor.messages import class_label, t
from monitor.period_kinds import label as period_label
from monitor.period_kinds import parse as parse_period


def scored(
    indicator: str,
    period: int | str,
    level: str,
    method: str | None,
    reference: str,
    base_year: int | None,
    band: float | None,
    reliability: bool,
    lang: str,
    division: str | None,
    referentie: str | None = None,
):
    from monitor.scoring import Scorer
    from monitor.scoring.reference import check

    store = open_store()
    scorer = Scorer(store, store.division_id(division))
    return scorer.score(
        indicator,
        parse_period(period),
        check_level(level),
        method=method,
        reference=reference,
        base_year=base_year,
        band=band,
        reliability=reliability,
        lang=lang,
        referentie=None if referentie is None else check(referentie),
    )


ScoreOptions = {
    "method": typer.Option(help="z (standaard), z5, relatief, absoluut of index."),
    "reference": typer.Option(
        help="stadswaarde, basisjaar of nederland (tegen het land; bij --level gemeente)."
    ),
    "referentie": typer.Option(
        help="Vergelijk met: gemeente (NAP, standaard), stadsdeel, gebied, wijk (het eigen "
        "stadsdeel … van elk gebied), vergelijkbaar (het gemiddelde van de 5 meest "
        "vergelijkbare gebieden), basisjaar (met --base-year) of nederland (bij --level "
        "gemeente)."
    ),
}


@app.command()
def score(
    indicator: Annotated[str, typer.Argument(help="Indicator-id, bv. PREGWERKL_P.")],
    period: Annotated[
        str, typer.Option(help="Jaar (2024), kwartaal (2024-K1) of maand (2024-03).")
    ],
    level: Annotated[str, typer.Option(help="buurt, wijk, gebied, stadsdeel.")],
    method: Annotated[str | None, ScoreOptions["method"]] = None,
    reference: Annotated[str, ScoreOptions["reference"]] = "stadswaarde",
    base_year: Annotated[
        int | None, typer.Option(help="Basisjaar bij --reference basisjaar.")
    ] = None,
    referentie: Annotated[str | None, ScoreOptions["referentie"]] = None,
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
        indicator,
        period,
        level,
        method,
        reference,
        base_year,
        band,
        reliability,
        lang,
        division,
        referentie,
    )
    if format == "json":
        sys.stdout.write(json.dumps(records(frame), ensure_ascii=False, indent=1) + "\n")
    elif format == "csv":
        sys.stdout.write(scores_csv(frame))
    elif format == "table":
        _print_table(frame, OUTPUT_FIELDS, lang)
    else:
        raise MonitorError(
            t("cli.unknown_format", lang, format=format, choices=t("cli.formats.table", lang))
        )


def _print_table(frame, fields: list[str], lang: str) -> None:
    from monitor.numbers import format_number
    from monitor.scoring.reference import average_names, compared_line

    first = frame.iloc[0] if len(frame) else None
    # One reference value for every row (the gemeente, the country) goes in the title.
    own_reference = frame.attrs.get("referentie", "gemeente") not in ("gemeente", "nederland")
    title = None
    if first is not None:
        title = t(
            "cli.score.title",
            lang,
            indicator=frame["indicator"].iloc[0],
            period=period_label(frame["period"].iloc[0], lang),
            nap=format_number(first["nap"], 2, lang),
            source=first["nap_source"],
            spread=format_number(first["spread"], 2, lang),
        )
        if own_reference:  # NAP differs per area: name what each one compares with
            title = f"{frame['indicator'].iloc[0]} {period_label(frame['period'].iloc[0], lang)} — "
            title += compared_line(frame, lang)
        from monitor.scoring.coverage import incomplete, nap_line

        coverage = incomplete(frame)
        if coverage is not None:  # no NAP: say why nothing is coloured
            title = f"{frame['indicator'].iloc[0]} — {nap_line(coverage, lang)}"
    shown = [f for f in fields if f not in ("nap", "nap_source", "spread")]
    if own_reference:  # the reference value beside the value
        shown.insert(shown.index("value") + 1, "nap")
    table = Table(*[t(f"col.{f}", lang) for f in shown], title=title)
    for row, average in zip(frame.itertuples(), average_names(frame, lang), strict=True):
        reference = [format_number(row.nap, 2, lang)] if own_reference else []
        table.add_row(
            row.code,
            row.naam,
            format_number(row.value, 2, lang),
            *reference,
            format_number(row.z, 2, lang),
            class_label(row.klasse, lang, gemiddelde=average),
            row.reden,
        )
    out.print(table)


@scores_app.command("rebuild")
def scores_rebuild(
    division: Annotated[
        str | None, typer.Option(help="Eén gebiedsindeling (standaard: alle).")
    ] = None,
    lang: Annotated[str, typer.Option(help="nl of en.")] = "nl",
    achtergrond: Annotated[
        bool,
        typer.Option(
            help="Als achtergrondtaak: met Redis voert 'monitor worker' hem uit; "
            "dit commando volgt de voortgang."
        ),
    ] = False,
    exclusief: Annotated[
        bool,
        typer.Option(
            help="PostgreSQL: sleutels en indexen van de scoretabellen één keer aan het eind "
            "opbouwen (ongeveer twee keer zo snel); pagina's wachten dan tot het klaar is. "
            "Voor een onderhoudsmoment."
        ),
    ] = False,
) -> None:
    """Bereken alle scores opnieuw: elke indicator × periode × niveau, in één transactie.

    Normaal gebeurt dit vanzelf bij elke publicatie, ongedaanmaking of catalogus-
    wijziging; dit commando is voor na een upgrade of een herstel."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from monitor.scoring.materialise import rebuild_all
    from monitor.store import LEVELS, geography

    store = open_store()
    if achtergrond:
        _rebuild_in_background(store, division, lang)
        return
    if division:
        names = [division]
    else:
        with store.engine.connect() as conn:
            names = geography.division_names(conn)
    stages = ["load", "compute", "write"]
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("", total=len(names) * len(stages))
        done = []
        for name in names:

            def step(stage: str, name: str = name) -> None:
                progress.update(
                    task,
                    description=f"{name}: {t(f'rebuild.stage.{stage}', lang)}",
                    completed=len(done) * len(stages) + stages.index(stage),
                )

            division_id = store.division_id(name)
            done.append(rebuild_all(store, division_id, progress=step, exclusive=exclusief))
            progress.update(task, completed=len(done) * len(stages))
    for name, rebuilt in zip(names, done, strict=True):
        out.print(
            t(
                "rebuild.done",
                lang,
                division=name,
                generation=rebuilt.generation,
                groups=rebuilt.groups,
                rows=rebuilt.rows,
            ),
            markup=False,
            highlight=False,
        )
        for level in LEVELS:
            if level in rebuilt.per_level:
                groups, rows = rebuilt.per_level[level]
                out.print(t("rebuild.level", lang, level=level, groups=groups, rows=rows))


def _rebuild_in_background(store, division: str | None, lang: str) -> None:
    """Queue the rebuild as a job (``monitor.jobs``) and follow its progress bar until
    it is done; its stage in words, as the Uploaden page shows it."""
    import getpass
    import time

    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from monitor import jobs

    job_id = jobs.enqueue("scores.rebuild", {"division": division}, store, getpass.getuser())
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("", total=1.0)
        while True:
            status = jobs.status(job_id)
            if status is None or status.finished:
                break
            progress.update(task, completed=status.fraction, description=status.stage_text(lang))
            time.sleep(0.2)
    if status is None or status.state == "fout":
        raise MonitorError(status.error if status is not None else t("job.unknown", lang))
    for done in status.result["divisions"]:
        out.print(t("rebuild.done", lang, **done), markup=False, highlight=False)
