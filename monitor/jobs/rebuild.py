"""Rebuilding every score of one or all divisions as a background job."""

from __future__ import annotations

from typing import Any

from monitor.scoring.materialise import rebuild_all
from monitor.store import Store, geography

#: The stages :func:`monitor.scoring.materialise.rebuild` reports, in order.
STAGES = ("load", "compute", "write")


def run_rebuild(store: Store, args: dict[str, Any], progress: Any) -> dict[str, Any]:
    """Rebuild the division ``args["division"]`` (a name; None: every division)."""
    names = [args["division"]] if args.get("division") else _names(store)
    done: list[dict[str, Any]] = []
    steps = max(len(names) * len(STAGES), 1)
    for number, name in enumerate(names):

        def step(stage: str, name: str = name, number: int = number) -> None:
            at = number * len(STAGES) + STAGES.index(stage)
            progress(at / steps, f"rebuild.stage.{stage}")

        rebuilt = rebuild_all(store, store.division_id(name), progress=step)
        done.append(
            {
                "division": name,
                "generation": int(rebuilt.generation),
                "groups": int(rebuilt.groups),
                "rows": int(rebuilt.rows),
            }
        )
    return {"divisions": done}


def _names(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return list(geography.division_names(conn))
