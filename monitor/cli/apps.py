"""The typer apps of the ``monitor`` command line: the root and one per command group.

The commands' help (the ``help=`` of the apps and of every option and argument, and the
command docstrings that typer shows) stays literal Dutch in the code, on purpose: it is
the command line's own documentation, read with ``--help``, not a message. Everything
the commands print or raise goes through the message catalogue (``monitor/messages/cli.py``).
"""

from __future__ import annotations

import typer

app = typer.Typer(
    help="Buurtmonitor: indicatoren per buurt tegen het Amsterdams Peil.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
import_app = typer.Typer(help="Gegevens importeren.", no_args_is_help=True)
alias_app = typer.Typer(help="Gebiedscodes uit andere codestelsels koppelen.", no_args_is_help=True)
indicator_app = typer.Typer(help="Indicatoren in de catalogus beheren.", no_args_is_help=True)
export_app = typer.Typer(help="Gegevens exporteren.", no_args_is_help=True)
scores_app = typer.Typer(
    help="De opgeslagen scores (berekend bij elke wijziging) opnieuw opbouwen.",
    no_args_is_help=True,
)
uploads_app = typer.Typer(
    help="Uploads bekijken, ongedaan maken en opnieuw publiceren.", no_args_is_help=True
)
user_app = typer.Typer(
    help="Gebruikers en rollen (lezer, analist, beheerder) beheren.", no_args_is_help=True
)
punten_app = typer.Typer(
    help="Punten (meldingen, voorzieningen) tellen per gebied en periode.", no_args_is_help=True
)
app.add_typer(import_app, name="import")
app.add_typer(punten_app, name="punten")
app.add_typer(alias_app, name="alias")
app.add_typer(indicator_app, name="indicator")
app.add_typer(export_app, name="export")
app.add_typer(scores_app, name="scores")
app.add_typer(uploads_app, name="uploads")
app.add_typer(user_app, name="user")
