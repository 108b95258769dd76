"""``monitor user add|remove|passwd|role|list|ensure-admin``: accounts and roles."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.table import Table

from monitor.cli.apps import user_app
from monitor.cli.output import cell, open_store, os_user, out, time_column
from monitor.errors import MonitorError
from monitor.messages import t
from monitor.store import Store
from monitor.times import format_time


def _read_password(from_stdin: bool) -> str:
    """A new password, typed twice without echo, or one line from stdin (for scripts)."""
    from monitor import users

    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt(t("cli.user.password"), hide_input=True)
        if typer.prompt(t("cli.user.again"), hide_input=True) != password:
            raise MonitorError(t("cli.user.passwords_differ"))
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

    store = open_store()
    users.valid_username(name)
    users.valid_role(rol)
    password = _read_password(wachtwoord_stdin)
    account = users.add(store, name, password, rol, actor=os_user(), display_name=naam)
    out.print(t("cli.user.created", name=account.username, role=account.role), highlight=False)


@user_app.command("remove")
def user_remove(name: Annotated[str, typer.Argument(help="Gebruikersnaam.")]) -> None:
    """Verwijder een gebruiker (niet de laatste beheerder)."""
    from monitor import users

    users.remove(open_store(), name, actor=os_user())
    out.print(t("cli.user.removed", name=users.normalise_username(name)), highlight=False)


@user_app.command("passwd")
def user_passwd(
    name: Annotated[str, typer.Argument(help="Gebruikersnaam.")],
    wachtwoord_stdin: PasswordStdin = False,
) -> None:
    """Geef een gebruiker een nieuw wachtwoord; lopende sessies eindigen."""
    from monitor import users

    store = open_store()
    if users.get(store, name) is None:
        raise MonitorError(t("cli.user.unknown", name=name))
    users.set_password(store, name, _read_password(wachtwoord_stdin), actor=os_user())
    out.print(t("cli.user.password_changed", name=users.normalise_username(name)), highlight=False)


@user_app.command("role")
def user_role(
    name: Annotated[str, typer.Argument(help="Gebruikersnaam.")],
    rol: Annotated[str, typer.Argument(help="lezer, analist of beheerder.")],
) -> None:
    """Geef een gebruiker een andere rol."""
    from monitor import users

    users.set_role(open_store(), name, rol, actor=os_user())
    out.print(
        t("cli.user.role_changed", name=users.normalise_username(name), role=rol), highlight=False
    )


@user_app.command("list")
def user_list() -> None:
    """Alle gebruikers met rol en laatste login (nooit wachtwoorden)."""
    from monitor import users

    frame = users.frame(open_store())
    table = Table(
        t("cli.col.user"),
        t("cli.col.role"),
        t("cli.col.name"),
        time_column(t("cli.col.created")),
        time_column(t("cli.col.last_login")),
    )
    for row in frame.itertuples():
        table.add_row(
            row.username,
            row.role + (t("cli.user.disabled") if row.disabled else ""),
            cell(row.display_name),  # None in the store, NaN in the frame: both empty
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
    password = users.ensure_admin(store, actor=os_user(), username=name)
    if password is None:
        out.print(t("cli.user.exist"))
        return
    out.print(
        t("cli.user.admin_created"),
        highlight=False,
        soft_wrap=True,
    )
    out.print(t("cli.user.admin_name", name=users.normalise_username(name)), highlight=False)
    out.print(t("cli.user.admin_password", password=password), highlight=False, markup=False)
