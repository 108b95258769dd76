"""``monitor init`` and ``monitor demo``: create the store and load the demo city."""

from __future__ import annotations

from typing import Annotated

import typer

from monitor.cli.apps import app
from monitor.cli.output import out, safe_url, working
from monitor.messages import t
from monitor.store import Store


@app.command()
def init() -> None:
    """Maak de database aan of werk een bestaande bij (migraties)."""
    store = Store()
    store.upgrade()
    out.print(t("cli.init.done", url=safe_url(store.url)))


@app.command()
def demo(
    force: Annotated[bool, typer.Option(help="Opnieuw laden, ook als hij er al is.")] = False,
    regenereer: Annotated[
        bool,
        typer.Option(
            "--regenereer",
            help="Schrijf de bestanden van Voorbeeldstad (geometries/, data/) opnieuw; "
            "laadt niets.",
        ),
    ] = False,
) -> None:
    """Laad Voorbeeldstad, de fictieve demostad, uit haar bestanden in geometries/ en data/."""
    from monitor import demo as demo_module

    if regenereer:
        with working(t("cli.demo.generating")):
            changed = demo_module.write_files()
        if not changed:
            out.print(t("cli.demo.unchanged"))
        for path in changed:
            out.print(t("cli.demo.written", path=path), markup=False, highlight=False)
        return
    store = Store()
    store.upgrade()
    try:
        store.division_id(demo_module.DIVISION)
        if not force:
            out.print(t("cli.demo.present"))
            return
    except LookupError:
        pass
    with working(t("cli.demo.loading")):
        counts = demo_module.install(store)
    out.print(t("cli.demo.loaded", counts=", ".join(f"{v} {k}" for k, v in counts.items())))
