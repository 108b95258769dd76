"""``monitor status``: what the store holds."""

from __future__ import annotations

from monitor.cli.apps import app
from monitor.cli.output import Division, open_store, out
from monitor.messages import t
from monitor.store import LEVELS


@app.command()
def status(division: Division = None) -> None:
    """Wat staat er in de database: gebiedsindelingen, gebieden, indicatoren, uploads."""
    store = open_store()
    division_id = store.division_id(division)
    info = store.division(division_id)
    areas = store.areas_frame(division_id)
    out.print(
        t("cli.status.division", name=info["name"], gemeente=info["gemeente"])
        + (t("cli.status.fictional") if info["fictional"] else "")
    )
    for lvl in LEVELS:
        out.print(f"  {lvl}: {(areas['level'] == lvl).sum()}")
    out.print(t("cli.status.indicators", n=len(store.indicators_frame())))
    out.print(t("cli.status.uploads", n=len(store.uploads_frame())))
    years = store.budget_years(division_id)
    if years:
        count = len(store.budget_frame(division_id))
        out.print(t("cli.status.budget", n=count, first=years[0], last=years[-1]))
