"""`python -m bot.editor user add|password|deactivate|list`: the console's accounts from the terminal."""

from __future__ import annotations

import getpass
from typing import Annotated

import typer

from bot.console import accounts
from bot.console.db import sessions
from bot.console.models import ROLES
from bot.settings import Settings

user_app = typer.Typer(help="Konten der Redaktionskonsole anlegen und ändern.", no_args_is_help=True)
BY = "kommandozeile"
Database = Annotated[str | None, typer.Option(help="Datenbank der Konten (Standard: EDITOR_DATABASE_URL)")]


def _url(database: str | None) -> str:
    """The accounts' database."""
    return database or Settings().editor_database_url


def _password(password: str | None) -> str:
    """The given password, or one typed twice without echo."""
    if password:
        return password
    first = getpass.getpass("Passwort: ")
    if first != getpass.getpass("Passwort wiederholen: "):
        raise typer.BadParameter("Die Passwörter stimmen nicht überein")
    return first


@user_app.command("add")
def add(
    name: str,
    role: Annotated[str, typer.Option(help=f"Rolle: {' oder '.join(ROLES)}")] = "editor",
    password: Annotated[str | None, typer.Option(help="Passwort (sonst wird es abgefragt)")] = None,
    database: Database = None,
) -> None:
    """Ein Konto anlegen."""
    try:
        with sessions(_url(database)).begin() as session:
            accounts.add(session, name.strip().lower(), role, _password(password), BY)
    except accounts.AccountError as error:
        raise typer.BadParameter(str(error)) from None
    typer.echo(f"Konto {name} ({role}) angelegt.")


@user_app.command("deactivate")
def deactivate(name: str, database: Database = None) -> None:
    """Ein Konto deaktivieren (seine Sitzungen enden sofort)."""
    with sessions(_url(database)).begin() as session:
        account = accounts.find(session, name)
        if account is None:
            raise typer.BadParameter(f"Das Konto {name} gibt es nicht")
        accounts.set_active(session, account, False, BY)
    typer.echo(f"Konto {name} deaktiviert.")


@user_app.command("list")
def list_accounts(database: Database = None) -> None:
    """Alle Konten mit Rolle und Status."""
    with sessions(_url(database)).begin() as session:
        for account in accounts.all_accounts(session):
            typer.echo(f"{account.name}\t{account.role}\t{'aktiv' if account.active else 'deaktiviert'}")
