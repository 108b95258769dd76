"""``monitor user add|remove|passwd|role|disable|enable|list|ensure-admin`` and
``monitor user token|tokens|revoke-token``: accounts, roles and personal API tokens."""

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


def _read_password(from_stdin: bool, username: str = "", display_name: str | None = None) -> str:
    """A new password, typed twice without echo, or one line from stdin (for scripts)."""
    from monitor import users

    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt(t("cli.user.password"), hide_input=True)
        if typer.prompt(t("cli.user.again"), hide_input=True) != password:
            raise MonitorError(t("cli.user.passwords_differ"))
    users.check_password(password, users.normalise_username(username), display_name)
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
    password = _read_password(wachtwoord_stdin, name, naam)
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
    account = users.get(store, name)
    if account is None:
        raise MonitorError(t("cli.user.unknown", name=name))
    password = _read_password(wachtwoord_stdin, account.username, account.display_name)
    users.set_password(store, name, password, actor=os_user())
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


@user_app.command("disable")
def user_disable(name: Annotated[str, typer.Argument(help="Gebruikersnaam.")]) -> None:
    """Schakel een account uit: inloggen kan niet meer, sessies en API-tokens stoppen."""
    from monitor import users

    users.set_disabled(open_store(), name, True, actor=os_user())
    out.print(t("cli.user.disabled_now", name=users.normalise_username(name)), highlight=False)


@user_app.command("enable")
def user_enable(name: Annotated[str, typer.Argument(help="Gebruikersnaam.")]) -> None:
    """Schakel een uitgeschakeld account weer in."""
    from monitor import users

    users.set_disabled(open_store(), name, False, actor=os_user())
    out.print(t("cli.user.enabled_now", name=users.normalise_username(name)), highlight=False)


@user_app.command("token")
def user_token(
    name: Annotated[str, typer.Argument(help="Gebruikersnaam.")],
    label: Annotated[
        str, typer.Option("--naam", help="Waarvoor het token is (bijvoorbeeld 'notebook').")
    ] = "token",
) -> None:
    """Maak een persoonlijk API-token; het wordt één keer getoond."""
    from monitor import tokens, users

    token_id, token = tokens.create(open_store(), name, label, actor=os_user())
    out.print(
        t("cli.user.token_made", id=token_id, label=label, name=users.normalise_username(name)),
        highlight=False,
        markup=False,
    )
    # The token alone on its own line, without markup or wrapping: for copy and scripts.
    out.print(token, highlight=False, markup=False, soft_wrap=True)


@user_app.command("tokens")
def user_tokens(
    name: Annotated[str | None, typer.Argument(help="Gebruikersnaam (leeg: iedereen).")] = None,
) -> None:
    """De API-tokens (nooit de tokens zelf): nummer, gebruiker, naam, begin, laatst gebruikt."""
    from monitor import tokens

    frame = tokens.frame(open_store(), name)
    if frame.empty:
        out.print(t("cli.user.no_tokens"))
        return
    table = Table(
        "id",
        t("cli.col.user"),
        t("cli.col.name"),
        t("cli.col.starts"),
        time_column(t("cli.col.last_used")),
    )
    for row in frame.itertuples():  # who made it, and when: in the audit log
        table.add_row(
            str(row.id), row.username, row.name, row.prefix + "…", format_time(row.last_used_at)
        )
    out.print(table)


@user_app.command("revoke-token")
def user_revoke_token(
    token_id: Annotated[int, typer.Argument(help="Nummer van het token (zie 'tokens').")],
) -> None:
    """Trek een API-token in; het werkt meteen niet meer."""
    from monitor import tokens

    owner = tokens.revoke(open_store(), token_id, actor=os_user())
    out.print(t("cli.user.token_revoked", id=token_id, name=owner), highlight=False)


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
