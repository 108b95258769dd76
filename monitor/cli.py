"""The ``monitor`` command line: set up the store, import, score and export.

Every command prints a Dutch message and exits non-zero on bad input; tracebacks are
for bugs only. Long work shows a progress indicator.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Column, Table

from monitor import catalog
from monitor.errors import MonitorError
from monitor.store import LEVELS, Store
from monitor.times import format_time

app = typer.Typer(
    help="Buurtmonitor: indicatoren per buurt tegen het Amsterdams Peil.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
import_app = typer.Typer(help="Gegevens importeren.", no_args_is_help=True)
alias_app = typer.Typer(help="Gebiedscodes uit andere codestelsels koppelen.", no_args_is_help=True)
indicator_app = typer.Typer(help="Indicatoren in de catalogus beheren.", no_args_is_help=True)
export_app = typer.Typer(help="Gegevens exporteren.", no_args_is_help=True)
uploads_app = typer.Typer(
    help="Uploads bekijken, ongedaan maken en opnieuw publiceren.", no_args_is_help=True
)
user_app = typer.Typer(
    help="Gebruikers en rollen (lezer, analist, beheerder) beheren.", no_args_is_help=True
)
app.add_typer(import_app, name="import")
app.add_typer(alias_app, name="alias")
app.add_typer(indicator_app, name="indicator")
app.add_typer(export_app, name="export")
app.add_typer(uploads_app, name="uploads")
app.add_typer(user_app, name="user")

out = Console()
err = Console(stderr=True)

Division = Annotated[str | None, typer.Option(help="Gebiedsindeling (standaard: de actieve).")]


def _store() -> Store:
    store = Store()
    if not store.is_initialised():
        raise MonitorError("De database is nog niet aangemaakt: voer eerst 'monitor init' uit.")
    return store


@contextmanager
def _working(message: str) -> Iterator[None]:
    """A spinner with elapsed time for work that takes more than a moment."""
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as progress:
        progress.add_task(message, total=None)
        yield


def _level(level: str) -> str:
    if level not in LEVELS:
        raise MonitorError(f"Niveau '{level}' bestaat niet; kies uit {', '.join(LEVELS)}.")
    return level


def _time_column(header: str) -> Column:
    """A column of times (``4 dec 2026 15:02 CET``) that stays on one line."""
    return Column(header, no_wrap=True)


def _cell(value: object) -> str:
    """A table cell as plain text: empty for None and NaN (pandas' missing values)."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value)


@app.command()
def init() -> None:
    """Maak de database aan of werk een bestaande bij (migraties)."""
    store = Store()
    store.upgrade()
    out.print(f"Database klaar: {_safe_url(store.url)}")


@app.command()
def demo(
    force: Annotated[bool, typer.Option(help="Opnieuw laden, ook als hij er al is.")] = False,
) -> None:
    """Laad Voorbeeldstad, de fictieve demostad."""
    from monitor import demo as demo_module

    store = Store()
    store.upgrade()
    try:
        store.division_id(demo_module.DIVISION)
        if not force:
            out.print("Voorbeeldstad staat al in de database.")
            return
    except LookupError:
        pass
    with _working("Voorbeeldstad genereren…"):
        counts = demo_module.install(store)
    out.print(
        "Voorbeeldstad (fictief) geladen: " + ", ".join(f"{v} {k}" for k, v in counts.items())
    )


@import_app.command("areas")
def import_areas(
    file: Annotated[Path, typer.Argument(help="GeoJSON, GeoPackage of Shapefile.")],
    level: Annotated[str, typer.Option(help="buurt, wijk, gebied of stadsdeel.")],
    code_field: Annotated[str, typer.Option(help="Veld met de gebiedscode.")],
    name_field: Annotated[str, typer.Option(help="Veld met de naam.")],
    parent_field: Annotated[
        list[str] | None, typer.Option(help="NIVEAU=VELD, bv. stadsdeel=Stadsdeel_code.")
    ] = None,
    division: Division = None,
    gemeente: Annotated[
        str | None, typer.Option(help="Naam van de gemeente (bij een nieuwe indeling).")
    ] = None,
    layer: Annotated[str | None, typer.Option(help="Laag in een GeoPackage.")] = None,
    crs: Annotated[str | None, typer.Option(help="CRS als het bestand er geen noemt.")] = None,
) -> None:
    """Importeer gebieden met geometrie, in elk CRS."""
    from monitor.areas import import_areas as run

    parents: dict[str, str] = {}
    for item in parent_field or []:
        if "=" not in item:
            raise MonitorError(f"--parent-field '{item}': gebruik NIVEAU=VELD.")
        lvl, field = item.split("=", 1)
        parents[_level(lvl.strip())] = field.strip()
    store = _store()
    with _working(f"{file.name} importeren…"):
        result = run(
            store,
            file,
            _level(level),
            code_field,
            name_field,
            parents,
            division=division,
            gemeente=gemeente,
            layer=layer,
            crs=crs,
        )
    name = division or store.get_setting("active_division")
    _activate(store, division)
    out.print(
        f"{file.name}: {result.get('inserted', 0)} nieuw, {result.get('updated', 0)} "
        f"bijgewerkt ({level}, gebiedsindeling {name or 'standaard'})."
    )
    for warning in result.get("warnings", []):
        err.print(f"[yellow]Let op:[/] {warning}")


def _activate(store: Store, division: str | None) -> None:
    """Real data wins over the demo: a newly imported real division becomes active."""
    division_id = store.division_id(division)
    info = store.division(division_id)
    if not info["fictional"]:
        store.set_setting("active_division", info["name"])


@import_app.command("bbga")
def import_bbga(
    data: Annotated[
        Path, typer.Argument(help="BBGA-bestand (jaar;gebiedcode15;variabele;waarde).")
    ],
    metadata: Annotated[Path | None, typer.Option(help="BBGA-metadata (csv).")] = None,
    division: Division = None,
) -> None:
    """Importeer het Basisbestand Gebieden Amsterdam; STAD wordt de gemeente."""
    from monitor.ingest.bbga import import_bbga as run

    store = _store()
    with _working(f"{data.name} importeren…"):
        result = run(store, data, metadata, division=division)
    _activate(store, division)
    out.print(
        f"{data.name}: {result.rows} meetingen opgeslagen in upload {result.upload_id} "
        f"({result.values} waarden, {result.empty} leeg), {result.forecasts_skipped} "
        f"prognoseregels overgeslagen."
    )
    if result.areas_created:
        out.print(f"Nieuwe gebieden zonder geometrie: {', '.join(result.areas_created)}")
    if result.indicators_created:
        out.print(
            f"{len(result.indicators_created)} indicatoren zonder metadata aangemaakt "
            "(polariteit 'geen'): " + ", ".join(result.indicators_created[:10])
        )
    if result.codes_skipped:
        out.print(
            "Codes die niet bij een gebied horen overgeslagen: " + ", ".join(result.codes_skipped)
        )
    if result.capped:
        out.print(f"{result.capped} waarden staan op de BBGA-grens van 90% en tellen als afgetopt.")
    if metadata is not None:
        from monitor.cli_polarity import curation_summary

        out.print(curation_summary(result.polarity_changes, result.user_polarities))


@import_app.command("meetingen")
def import_meetingen(
    file: Annotated[Path, typer.Argument(help="CSV, TXT of XLSX met meetingen.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Alleen rapport en preview; niets opslaan.")
    ] = False,
    format: Annotated[str, typer.Option(help="auto, long, wide of bbga.")] = "auto",
    skip_rows: Annotated[
        int | None, typer.Option(help="Regels boven de kopregel (standaard: zoeken).")
    ] = None,
    code_pattern: Annotated[
        str | None, typer.Option(help="Regex voor de code in de eerste kolom, bv. '^(\\S+)'.")
    ] = None,
    indicator: Annotated[
        str | None, typer.Option(help="Breed bestand met een kolom per jaar: de indicator.")
    ] = None,
    period: Annotated[
        int | None, typer.Option(help="Breed bestand met een kolom per indicator: het jaar.")
    ] = None,
    map: Annotated[
        list[str] | None, typer.Option("--map", help="Kolom hernoemen: OUD=NIEUW, bv. totaal=2018.")
    ] = None,
    sheet: Annotated[str | None, typer.Option(help="Tabblad in een Excel-bestand.")] = None,
    bevestig: Annotated[
        bool, typer.Option("--bevestig", help="Wijzigen van gepubliceerde waarden toestaan.")
    ] = False,
    bron: Annotated[str | None, typer.Option(help="Bron van de cijfers.")] = None,
    methode: Annotated[str | None, typer.Option(help="registratie, enquête of telling.")] = None,
    veldwerkperiode: Annotated[str | None, typer.Option(help="Veldwerkperiode.")] = None,
    respons: Annotated[str | None, typer.Option(help="Respons (bv. 42%).")] = None,
    uploader: Annotated[
        str | None, typer.Option(help="Wie uploadt (standaard: gebruiker).")
    ] = None,
) -> None:
    """Importeer meetingen: rapport, preview, en (zonder --dry-run) publiceren."""
    import getpass

    from monitor.ingest.parse import ParseOptions
    from monitor.ingest.upload import check, log_check, publish

    rename = {}
    for item in map or []:
        if "=" not in item:
            raise MonitorError(f"--map '{item}': gebruik OUD=NIEUW.")
        old, new = item.split("=", 1)
        rename[old.strip()] = new.strip()
    options = ParseOptions(
        format=format,
        skip_rows=skip_rows,
        code_pattern=code_pattern,
        indicator=indicator,
        period=period,
        rename=rename,
        sheet=sheet,
    )
    store = _store()
    if not file.is_file():
        raise MonitorError(f"Bestand '{file}' bestaat niet.")
    with _working(f"{file.name} controleren…"):
        checked = check(store, file.read_bytes(), file.name, options)
    log_check(store, checked, uploader or getpass.getuser())
    _print_report(checked)
    if not checked.report.ok:
        raise MonitorError(f"{len(checked.report.errors)} fouten; er is niets opgeslagen.")
    if dry_run:
        out.print("Proefrun (--dry-run): er is niets opgeslagen.")
        return
    meta = {
        k: v
        for k, v in {
            "bron": bron,
            "methode": methode,
            "veldwerkperiode": veldwerkperiode,
            "respons": respons,
        }.items()
        if v
    }
    with _working("Publiceren…"):
        upload_id = publish(
            store,
            checked,
            uploader=uploader or getpass.getuser(),
            confirm_changes=bevestig,
            meta=meta,
        )
    out.print(f"Gepubliceerd als upload {upload_id}: {len(checked.report.frame)} meetingen.")


@import_app.command("begroting")
def import_begroting(
    file: Annotated[Path, typer.Argument(help="CSV, TXT of XLSX met begrotingsregels.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Alleen rapport en preview; niets opslaan.")
    ] = False,
    bevestig: Annotated[
        bool, typer.Option("--bevestig", help="Wijzigen van gepubliceerde regels toestaan.")
    ] = False,
    bron: Annotated[
        str | None, typer.Option(help="Bron voor regels zonder eigen 'bron', en van de upload.")
    ] = None,
    skip_rows: Annotated[
        int | None, typer.Option(help="Regels boven de kopregel (standaard: zoeken).")
    ] = None,
    sheet: Annotated[str | None, typer.Option(help="Tabblad in een Excel-bestand.")] = None,
    uploader: Annotated[
        str | None, typer.Option(help="Wie uploadt (standaard: gebruiker).")
    ] = None,
) -> None:
    """Importeer begrotingsregels (gebiedcode, jaar, programma, omschrijving, begroot,
    gerealiseerd, bron): rapport, preview, en (zonder --dry-run) publiceren."""
    import getpass

    from monitor.ingest import budget as budget_ingest
    from monitor.ingest.parse import ParseOptions
    from monitor.ingest.upload import log_check

    store = _store()
    if not file.is_file():
        raise MonitorError(f"Bestand '{file}' bestaat niet.")
    actor = uploader or getpass.getuser()
    options = ParseOptions(skip_rows=skip_rows, sheet=sheet)
    with _working(f"{file.name} controleren…"):
        checked = budget_ingest.check(store, file.read_bytes(), file.name, options)
    log_check(store, checked, actor)
    _print_report(checked)
    if not checked.report.ok:
        raise MonitorError(f"{len(checked.report.errors)} fouten; er is niets opgeslagen.")
    if dry_run:
        out.print("Proefrun (--dry-run): er is niets opgeslagen.")
        return
    upload_id = budget_ingest.publish(
        store, checked, uploader=actor, confirm_changes=bevestig, source=bron
    )
    out.print(
        f"Gepubliceerd als upload {upload_id}: {len(checked.report.frame)} begrotingsregels.",
        highlight=False,
    )


@import_app.command("programmas")
def import_programmas(
    file: Annotated[Path, typer.Argument(help="Programmalijst als TOML (zie indicators/).")],
    uploader: Annotated[str | None, typer.Option(help="Wie (standaard: gebruiker).")] = None,
) -> None:
    """Leg de begrotingsprogramma's vast (standaard: indicators/programmas.toml)."""
    import getpass

    from monitor import budget

    programmes = budget.load_programmes_file(file)
    budget.save_programmes(_store(), programmes, uploader or getpass.getuser())
    out.print(
        f"{len(programmes.programmes)} programma's opgeslagen uit {file.name}: "
        + "; ".join(programmes.names),
        highlight=False,
    )


def _print_report(checked) -> None:
    """Report and preview of a checked file: meetingen, or budget lines (kind begroting)."""
    from monitor.numbers import format_value
    from monitor.store import BUDGET_KIND

    report = checked.report
    is_budget = checked.kind == BUDGET_KIND
    read = "begroting, {} regels" if is_budget else f"formaat {checked.parsed.format}, {{}} waarden"
    out.print(
        f"[bold]{checked.name}[/]: {read.format(len(checked.parsed.frame))} gelezen, "
        f"{len(report.errors)} fouten, {len(report.warnings)} waarschuwingen.",
        highlight=False,
    )
    for line in report.skipped:
        out.print(f"  Overgeslagen: {line}", markup=False, highlight=False)
    for line in report.lines():
        out.print(f"  {line}", markup=False, highlight=False)
    if checked.preview is not None and not checked.preview.table.empty:
        key = ("programma", "jaar") if is_budget else ("indicator", "periode")
        table = Table(*key, "nieuw", "gewijzigd", "ongewijzigd", title="Preview")
        for row in checked.preview.table.itertuples(index=False):
            table.add_row(str(row[0]), str(row[1]), *(str(int(v)) for v in row[2:]))
        out.print(table)

        def euro(value: float) -> str:
            return format_value(value, "€", 2)

        for row in checked.preview.changes.head(20).itertuples(index=False):
            text = (
                f"{row.code} {row.year} {row.programme} '{row.description}': begroot "
                f"{euro(row.planned_oud)} → {euro(row.planned)}, gerealiseerd "
                f"{euro(row.realised_oud)} → {euro(row.realised)}"
                if is_budget
                else f"{row.code} {row.indicator_id} {row.period}: {row.oud:g} → {row.nieuw:g}"
            )
            out.print(f"  {text}", markup=False, highlight=False)
    _print_incomplete(checked.preview)


def _print_incomplete(preview) -> None:
    """The preview's warning about indicator-years that would get no colours."""
    from monitor.messages import t
    from monitor.scoring.coverage import upload_warning

    if preview is None or not getattr(preview, "incomplete", None):
        return
    out.print(f"[yellow]{t('coverage.upload_title')}[/]")
    for cov in preview.incomplete:
        out.print(f"  {upload_warning(cov)}", markup=False, highlight=False)
    note = t("coverage.upload_note", code=preview.city_code or "?")
    out.print(f"  {note}", markup=False, highlight=False)


def _status_column() -> Column:
    """An upload's status is never cut short ("gepublicee…"): other columns give way."""
    return Column("status", no_wrap=True, min_width=len("ongedaan gemaakt"))


@uploads_app.command("list")
def uploads_list() -> None:
    """Alle uploads, nieuwste eerst."""
    from monitor.ingest.upload import status_label

    frame = _store().uploads_frame().sort_values("id", ascending=False)
    table = Table(
        "id",
        Column("soort", no_wrap=True),
        Column("bestand", overflow="fold"),
        Column("door", overflow="fold"),
        _time_column("tijd"),
        "rijen",
        _status_column(),
    )
    for row in frame.itertuples():
        table.add_row(
            str(row.id),
            _cell(row.kind),
            _cell(row.filename),
            _cell(row.uploader),
            format_time(row.created_at),
            _cell(row.row_count),
            status_label(row.status),
        )
    out.print(table)


@uploads_app.command("show")
def uploads_show(upload_id: Annotated[int, typer.Argument(help="Upload-id.")]) -> None:
    """Details van een upload: bestand, sha256, metadata, wat erin zat."""
    frame = _store().uploads_frame().set_index("id")
    if upload_id not in frame.index:
        raise MonitorError(f"Upload {upload_id} bestaat niet.")
    for key, value in frame.loc[upload_id].items():
        out.print(f"{key}: {'' if value is None else value}", markup=False, highlight=False)


#: Who the CLI acts as for undo and redo: the name that imports record as the uploader
#: (``--uploader``, default the OS user), as an analist; ``--beheerder`` for uploads of
#: others. Whoever runs the CLI can reach the database anyway: this guards against
#: mistakes (and the audit log records the role used), the app's roles are the lock.
CliActor = Annotated[
    str | None,
    typer.Option("--uploader", help="Wie u bent (standaard: uw OS-gebruiker), als bij import."),
]
AsBeheerder = Annotated[
    bool,
    typer.Option("--beheerder", help="Als beheerder handelen: ook uploads van anderen."),
]


def _cli_actor(uploader: str | None, beheerder: bool) -> tuple[str, str]:
    """(actor, role) of an undo or redo from the command line (see ``CliActor``)."""
    import getpass

    return uploader or getpass.getuser(), "beheerder" if beheerder else "analist"


def _interactive() -> bool:
    """Whether a person can answer a question (stdin is a terminal)."""
    return sys.stdin.isatty()


@uploads_app.command("undo")
def uploads_undo(
    upload_id: Annotated[int, typer.Argument(help="Upload-id.")],
    bevestig: Annotated[
        bool, typer.Option("--bevestig", help="Zonder te vragen ongedaan maken.")
    ] = False,
    uploader: CliActor = None,
    beheerder: AsBeheerder = False,
) -> None:
    """Toon wat een upload ongedaan maken wegneemt en maak hem (na bevestiging) ongedaan;
    de waarden of begrotingsregels die hij verving komen terug."""
    from monitor import undo
    from monitor.messages import t

    store = _store()
    actor, role = _cli_actor(uploader, beheerder)
    summary = undo.summary(store, upload_id)
    undo.check_may_change(upload_id, summary.uploader, actor, role)
    out.print(t("undo.title", id=upload_id), style="bold", markup=False, highlight=False)
    for line in summary.lines():
        out.print(f"  {line}", markup=False, highlight=False)
    if not bevestig:
        if not _interactive():
            raise MonitorError(t("undo.need_confirm"))
        answer = typer.prompt(f"{t('undo.ask')} [j/N]", default="", show_default=False)
        if answer.strip().lower() not in ("j", "ja", "y", "yes"):
            out.print(t("undo.cancelled", id=upload_id), highlight=False)
            return
    restored = undo.undo(store, upload_id, by=actor, role=role)
    out.print(undo.undone_message(store, upload_id, restored), highlight=False)


@uploads_app.command("redo")
def uploads_redo(
    upload_id: Annotated[int, typer.Argument(help="Id van de ongedaan gemaakte upload.")],
    bevestig: Annotated[
        bool, typer.Option("--bevestig", help="Wijzigen van gepubliceerde waarden toestaan.")
    ] = False,
    uploader: CliActor = None,
    beheerder: AsBeheerder = False,
) -> None:
    """Publiceer een ongedaan gemaakte upload opnieuw uit het bewaarde bestand: dezelfde
    opties, controles en preview; het wordt een nieuwe upload."""
    from monitor import undo
    from monitor.messages import t

    store = _store()
    actor, role = _cli_actor(uploader, beheerder)
    with _working(f"Upload {upload_id} opnieuw controleren…"):
        prepared = undo.prepare_redo(store, upload_id, by=actor, role=role)
    out.print(t("redo.title", id=upload_id), style="bold", markup=False, highlight=False)
    for line in prepared.lines():
        out.print(f"  {line}", markup=False, highlight=False)
    _print_report(prepared.checked)
    with _working("Publiceren…"):
        new_id = undo.redo(store, upload_id, by=actor, role=role, confirm_changes=bevestig)
    out.print(undo.redone_message(store, upload_id, new_id), highlight=False)


@app.command()
def herkomst(
    code: Annotated[str, typer.Argument(help="Gebiedscode.")],
    indicator: Annotated[str, typer.Argument(help="Indicator-id.")],
    period: Annotated[int, typer.Argument(help="Jaar.")],
) -> None:
    """Waar komt dit getal vandaan: elke opgeslagen waarde met zijn upload."""
    from monitor.ingest.upload import provenance, status_label

    frame = provenance(_store(), code, indicator, period)
    if frame.empty:
        out.print(f"Geen meting voor {code} / {indicator} / {period}.")
        return
    table = Table(
        "waarde",
        "n",
        "huidig",
        "upload",
        "bestand",
        "sha256",
        "door",
        _time_column("tijd"),
        _status_column(),
    )
    for row in frame.itertuples():
        table.add_row(
            "" if row.value is None else f"{row.value:g}",
            "" if row.n is None else f"{row.n:g}",
            "ja" if row.is_current else "nee",
            str(row.upload),
            _cell(row.filename),
            _cell(row.sha256)[:12],
            _cell(row.uploader),
            format_time(row.created_at),
            status_label(row.status),
        )
    out.print(table)


@import_app.command("catalog")
def import_catalog(
    file: Annotated[Path, typer.Argument(help="Catalogus als TOML of CSV.")],
) -> None:
    """Importeer indicatordefinities (TOML of CSV)."""
    store = _store()
    count = catalog.save(store, catalog.load_file(file))
    out.print(f"{count} indicatoren opgeslagen uit {file.name}.")


@alias_app.command("add")
def alias_add(
    code: Annotated[str, typer.Argument(help="De code uit het andere stelsel, bv. ZX99.")],
    target: Annotated[str, typer.Argument(help="De eigen gebiedscode, bv. Dxxx.")],
    system: Annotated[str | None, typer.Option(help="Codestelsel, bv. cbs of bbga.")] = None,
    division: Division = None,
) -> None:
    """Koppel een code uit een ander stelsel aan een gebied."""
    store = _store()
    store.add_alias(store.division_id(division), code, target, system)
    out.print(f"{code} verwijst nu naar {target}.")


@indicator_app.command("add")
def indicator_add(
    id: Annotated[str, typer.Argument(help="Indicator-id, bv. werkloosheid_p.")],
    label: Annotated[str | None, typer.Option(help="Naam in het Nederlands.")] = None,
    unit: Annotated[
        str | None, typer.Option(help="%, rapportcijfer, index, aantal, € of vrije tekst.")
    ] = None,
    polarity: Annotated[
        str | None, typer.Option(help="hoger-beter, lager-beter, neutraal of geen.")
    ] = None,
    domain: Annotated[str | None, typer.Option(help="Domein, bv. werk_inkomen.")] = None,
    label_en: Annotated[str | None, typer.Option(help="Naam in het Engels.")] = None,
    definition: Annotated[str | None, typer.Option(help="Definitie.")] = None,
    decimals: Annotated[int | None, typer.Option(help="Aantal decimalen (standaard 1).")] = None,
    source: Annotated[str | None, typer.Option(help="Bron.")] = None,
    min_population: Annotated[float | None, typer.Option(help="Minimum aantal inwoners.")] = None,
    min_respondents: Annotated[
        float | None, typer.Option(help="Minimum aantal respondenten.")
    ] = None,
    aggregation: Annotated[
        str | None, typer.Option(help="som, gewogen-gemiddelde of geen (standaard).")
    ] = None,
    weight: Annotated[str | None, typer.Option(help="Gewicht-indicator, bv. BEVTOTAAL.")] = None,
    method: Annotated[
        str | None, typer.Option(help="z (standaard), z5, relatief, absoluut of index.")
    ] = None,
    spread: Annotated[
        str | None,
        typer.Option(help="Spreiding voor z: sd (zoals de stad, standaard), mad of log (robuust)."),
    ] = None,
    band: Annotated[float | None, typer.Option(help="Breedte van de band 'rond'.")] = None,
    base_year: Annotated[int | None, typer.Option(help="Basisjaar (nulmeting).")] = None,
    survey: Annotated[
        bool | None, typer.Option("--survey/--no-survey", help="Enquête-indicator (met n).")
    ] = None,
) -> None:
    """Voeg een indicator toe, of werk een bestaande bij: dan veranderen alleen de
    opgegeven opties en blijven de meetingen staan."""
    given = {
        "label_nl": label,
        "unit": unit,
        "polarity": polarity,
        "domain": domain,
        "label_en": label_en,
        "definition": definition,
        "decimals": decimals,
        "source": source,
        "min_population": min_population,
        "min_respondents": min_respondents,
        "aggregation": aggregation,
        "weight_indicator": weight,
        "method": method,
        "spread": spread,
        "band": band,
        "base_year": base_year,
        "survey": survey,
    }
    store = _store()
    ind, changed = catalog.define(store, id, {k: v for k, v in given.items() if v is not None})
    if polarity is not None:  # a polarity given here is the catalogue's own choice
        ind.polarity_source, ind.polarity_metadata = "catalogus", polarity
    with store.begin() as conn:
        store.upsert_indicators([ind.row()], conn)
    if changed is None:
        out.print(f"Indicator '{ind.id}' toegevoegd ({ind.polarity}, {ind.unit}).")
    elif changed:
        out.print(f"Indicator '{ind.id}' bijgewerkt: {'; '.join(changed)}.", markup=False)
    else:
        out.print(f"Indicator '{ind.id}' stond er al zo; er is niets gewijzigd.")


@indicator_app.command("list")
def indicator_list(
    format: Annotated[str, typer.Option(help="table, csv of json.")] = "table",
) -> None:
    """Toon de indicatoren in de catalogus (ids altijd volledig)."""
    frame = _store().indicators_frame()
    columns = {
        "id": "id",
        "label_nl": "label",
        "domain": "domein",
        "unit": "eenheid",
        "polarity": "polariteit",
        "polarity_source": "herkomst",
        "method": "methode",
    }
    shown = frame[list(columns)].rename(columns=columns)
    if format == "json":
        records = shown.astype(object).where(shown.notna(), None).to_dict("records")
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=1) + "\n")
    elif format == "csv":
        sys.stdout.write(shown.to_csv(index=False))
    elif format == "table":
        # The id is what people copy into files and commands: never cut; the other
        # columns wrap first.
        table = Table(
            Column("id", no_wrap=True, overflow="fold"),
            *[Column(name, overflow="fold") for name in list(columns.values())[1:]],
        )
        for row in shown.itertuples(index=False):
            table.add_row(*["" if v is None or v != v else str(v) for v in row])
        out.print(table)
    else:
        raise MonitorError(f"Formaat '{format}' onbekend; kies table, csv of json.")


def _score(
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

    store = _store()
    scorer = Scorer(store, store.division_id(division))
    return scorer.score(
        indicator,
        period,
        _level(level),
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

    frame = _score(
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


@export_app.command("scores")
def export_scores(
    indicator: Annotated[str, typer.Argument(help="Indicator-id.")],
    period: Annotated[int, typer.Option(help="Jaar.")],
    level: Annotated[str, typer.Option(help="buurt, wijk, gebied, stadsdeel.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Bestand om te schrijven.")],
    format: Annotated[str, typer.Option(help="csv, xlsx of geojson.")] = "csv",
    method: Annotated[str | None, ScoreOptions["method"]] = None,
    reference: Annotated[str, ScoreOptions["reference"]] = "stadswaarde",
    base_year: Annotated[int | None, typer.Option(help="Basisjaar.")] = None,
    lang: Annotated[str, typer.Option(help="nl of en.")] = "nl",
    division: Division = None,
) -> None:
    """Exporteer scores als CSV, Excel of GeoJSON (met geometrie)."""
    from monitor import export

    frame = _score(
        indicator, period, level, method, reference, base_year, None, True, lang, division
    )
    if format == "csv":
        output.write_text(export.scores_csv(frame), encoding="utf-8-sig")
    elif format == "xlsx":
        export.scores_xlsx(frame, output, lang)
    elif format == "geojson":
        store = _store()
        output.write_text(
            json.dumps(
                export.scores_geojson(store, frame, store.division_id(division), level),
                ensure_ascii=False,
            ),
            encoding="utf-8",
        )
    else:
        raise MonitorError(f"Formaat '{format}' onbekend; kies csv, xlsx of geojson.")
    out.print(f"{len(frame)} gebieden geschreven naar {output}.")


def _agenda_import(
    kind: str, file: Path, dry_run: bool, uploader: str | None, division: str | None
) -> None:
    """Shared by ``import agenda`` and ``import verhalen``: read, check all, store or not."""
    import getpass

    from monitor import agenda

    store = _store()
    if not file.is_file():
        raise MonitorError(f"Bestand '{file}' bestaat niet.")
    importer = agenda.import_agenda if kind == "agenda" else agenda.import_notes
    try:
        result = importer(
            store,
            file.read_bytes(),
            file.name,
            actor=uploader or getpass.getuser(),
            division_id=store.division_id(division),
            dry_run=dry_run,
        )
    except agenda.AgendaError as exc:
        # Every problem on its own line, as text (a cell may hold anything, also "[b]").
        summary, *lines = str(exc).splitlines()
        for line in lines:
            err.print(f"  {line}", markup=False, highlight=False)
        raise MonitorError(summary) from None
    out.print(result.summary(kind, "nl"), markup=False, highlight=False)
    if dry_run:
        out.print("Proefrun (--dry-run): er is niets opgeslagen.")


@import_app.command("agenda")
def import_agenda_file(
    file: Annotated[Path, typer.Argument(help="CSV of XLSX: een rij per actie (zie README).")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Alleen controleren; niets opslaan.")
    ] = False,
    uploader: Annotated[
        str | None, typer.Option(help="Wie importeert (standaard: gebruiker).")
    ] = None,
    division: Division = None,
) -> None:
    """Importeer de gebiedsagenda: doelen en acties (kolommen gebiedcode, doel, indicator,
    streefwaarde, doeljaar, actie, eigenaar, status, reden). Bij een fout: niets opgeslagen."""
    _agenda_import("agenda", file, dry_run, uploader, division)


@import_app.command("verhalen")
def import_verhalen_file(
    file: Annotated[Path, typer.Argument(help="CSV of XLSX: een verhaal per rij (zie README).")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Alleen controleren; niets opslaan.")
    ] = False,
    uploader: Annotated[
        str | None, typer.Option(help="Wie importeert (standaard: gebruiker).")
    ] = None,
    division: Division = None,
) -> None:
    """Importeer verhalen (kolommen gebiedcode, datum, periode, rol, bron, tekst). Een
    verhaal dat er al staat wordt overgeslagen. Bij een fout: niets opgeslagen."""
    _agenda_import("notes", file, dry_run, uploader, division)


@export_app.command("gebiedsanalyse")
def export_gebiedsanalyse(
    code: Annotated[str, typer.Argument(help="Gebiedscode, bv. O01a.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="PDF-bestand om te schrijven.")],
    lang: Annotated[str, typer.Option(help="nl of en.")] = "nl",
    division: Division = None,
) -> None:
    """Schrijf de gebiedsanalyse van een gebied als PDF: cijfers, verhalen, agenda."""
    from monitor import report

    store = _store()
    with _working(f"Gebiedsanalyse {code} maken…"):
        analysis = report.gebiedsanalyse(store, code, lang, store.division_id(division))
        output.write_bytes(report.pdf(analysis))
    out.print(
        f"Gebiedsanalyse van {analysis.name} ({analysis.code}) geschreven naar {output}.",
        markup=False,
        highlight=False,
    )


@app.command()
def status(division: Division = None) -> None:
    """Wat staat er in de database: gebiedsindelingen, gebieden, indicatoren, uploads."""
    store = _store()
    division_id = store.division_id(division)
    info = store.division(division_id)
    areas = store.areas_frame(division_id)
    out.print(
        f"Gebiedsindeling: {info['name']} ({info['gemeente']})"
        + (" — fictief" if info["fictional"] else "")
    )
    for lvl in LEVELS:
        out.print(f"  {lvl}: {(areas['level'] == lvl).sum()}")
    out.print(f"Indicatoren: {len(store.indicators_frame())}")
    out.print(f"Uploads: {len(store.uploads_frame())}")
    years = store.budget_years(division_id)
    if years:
        count = len(store.budget_frame(division_id))
        out.print(f"Begrotingsregels: {count} ({years[0]}–{years[-1]})")


def _os_user() -> str:
    """Who runs the CLI: the audit log's actor for user changes from the command line."""
    import getpass

    return getpass.getuser()


def _read_password(from_stdin: bool) -> str:
    """A new password, typed twice without echo, or one line from stdin (for scripts)."""
    from monitor import users

    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Wachtwoord", hide_input=True)
        if typer.prompt("Nogmaals", hide_input=True) != password:
            raise MonitorError("De wachtwoorden verschillen; er is niets gewijzigd.")
    users.check_password(password)
    return password


PasswordStdin = Annotated[
    bool,
    typer.Option("--wachtwoord-stdin", help="Lees het wachtwoord als één regel van stdin."),
]


@user_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="Gebruikersnaam (kleine letters, cijfers, . _ @ -).")],
    rol: Annotated[str, typer.Option(help="lezer, analist of beheerder.")] = "lezer",
    naam: Annotated[str | None, typer.Option(help="Naam zoals de app die toont.")] = None,
    wachtwoord_stdin: PasswordStdin = False,
) -> None:
    """Maak een gebruiker aan; het wachtwoord wordt gevraagd (twee keer)."""
    from monitor import users

    store = _store()
    users.valid_username(name)
    users.valid_role(rol)
    password = _read_password(wachtwoord_stdin)
    account = users.add(store, name, password, rol, actor=_os_user(), display_name=naam)
    out.print(f"Gebruiker {account.username} ({account.role}) aangemaakt.", highlight=False)


@user_app.command("remove")
def user_remove(name: Annotated[str, typer.Argument(help="Gebruikersnaam.")]) -> None:
    """Verwijder een gebruiker (niet de laatste beheerder)."""
    from monitor import users

    users.remove(_store(), name, actor=_os_user())
    out.print(f"Gebruiker {users.normalise_username(name)} verwijderd.", highlight=False)


@user_app.command("passwd")
def user_passwd(
    name: Annotated[str, typer.Argument(help="Gebruikersnaam.")],
    wachtwoord_stdin: PasswordStdin = False,
) -> None:
    """Geef een gebruiker een nieuw wachtwoord; lopende sessies eindigen."""
    from monitor import users

    store = _store()
    if users.get(store, name) is None:
        raise MonitorError(f"Gebruiker '{name}' bestaat niet.")
    users.set_password(store, name, _read_password(wachtwoord_stdin), actor=_os_user())
    out.print(f"Wachtwoord van {users.normalise_username(name)} gewijzigd.", highlight=False)


@user_app.command("role")
def user_role(
    name: Annotated[str, typer.Argument(help="Gebruikersnaam.")],
    rol: Annotated[str, typer.Argument(help="lezer, analist of beheerder.")],
) -> None:
    """Geef een gebruiker een andere rol."""
    from monitor import users

    users.set_role(_store(), name, rol, actor=_os_user())
    out.print(f"{users.normalise_username(name)} heeft nu de rol {rol}.", highlight=False)


@user_app.command("list")
def user_list() -> None:
    """Alle gebruikers met rol en laatste login (nooit wachtwoorden)."""
    from monitor import users

    frame = users.frame(_store())
    table = Table(
        "gebruiker", "rol", "naam", _time_column("aangemaakt"), _time_column("laatst ingelogd")
    )
    for row in frame.itertuples():
        table.add_row(
            row.username,
            row.role + (" (uitgeschakeld)" if row.disabled else ""),
            _cell(row.display_name),  # None in the store, NaN in the frame: both empty
            format_time(row.created_at),
            format_time(row.last_login_at),
        )
    out.print(table)


@user_app.command("ensure-admin")
def user_ensure_admin(
    name: Annotated[str, typer.Option(help="Gebruikersnaam van de beheerder.")] = "admin",
) -> None:
    """Maak een beheerder met een willekeurig wachtwoord als er nog geen gebruikers zijn."""
    from monitor import users

    store = Store()
    store.upgrade()
    password = users.ensure_admin(store, actor=_os_user(), username=name)
    if password is None:
        out.print("Er zijn al gebruikers; er is niets aangemaakt.")
        return
    out.print(
        "Beheerder aangemaakt (wordt niet nog eens getoond; wijzig het wachtwoord met "
        "'monitor user passwd'):",
        highlight=False,
        soft_wrap=True,
    )
    out.print(f"  gebruikersnaam: {users.normalise_username(name)}", highlight=False)
    out.print(f"  wachtwoord:     {password}", highlight=False, markup=False)


def _safe_url(url: str) -> str:
    """The database URL without a password, for printing."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


# Polarity commands (indicator show / polarity, import polariteit) live in their own module.
from monitor import cli_polarity  # noqa: E402, F401


def main() -> None:
    """Entry point: Dutch error messages instead of tracebacks for user errors."""
    try:
        app()
    except MonitorError as exc:
        err.print(f"[bold red]Fout:[/] {exc}")
        sys.exit(1)
    except LookupError as exc:
        err.print(f"[bold red]Fout:[/] {exc.args[0] if exc.args else exc}")
        sys.exit(1)


if __name__ == "__main__":
    main()
