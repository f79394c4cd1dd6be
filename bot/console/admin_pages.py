"""Konten and Protokoll (admins only): accounts, roles, deactivation, and the audit log."""

from __future__ import annotations

from sqlalchemy import select
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.console import accounts
from bot.console.models import ROLES, Account, AuditEntry
from bot.console.web import database, form, refuse, render


def _page(request: Request, message: str = "", status: int = 200) -> Response:
    """The accounts page."""
    listed = accounts.all_accounts(database(request))
    return render(request, "accounts.html", status, accounts=listed, roles=ROLES, message=message)


async def accounts_page(request: Request) -> Response:
    """GET /konten."""
    return _page(request)


async def add_account(request: Request) -> Response:
    """POST /konten: create an account."""
    fields, by = form(request), request.state.visitor.name
    try:
        accounts.add(
            database(request),
            fields.get("name", "").strip().lower(),
            fields.get("role", ""),
            fields.get("password", ""),
            by,
        )
    except accounts.AccountError as error:
        return _page(request, str(error), 422)
    return RedirectResponse("/konten", status_code=303)


async def change_account(request: Request) -> Response:
    """POST /konten/{id}: change the role, deactivate or reactivate."""
    session, fields, by = database(request), form(request), request.state.visitor.name
    account = session.get(Account, int(request.path_params["account"]))
    if account is None:
        return refuse(request, 404, "Dieses Konto gibt es nicht.")
    if account.name == by:
        return _page(request, "Das eigene Konto kann man hier nicht ändern.", 422)
    action = fields.get("aktion")
    if action == "rolle":
        try:
            accounts.set_role(session, account, fields.get("role", ""), by)
        except accounts.AccountError as error:
            return _page(request, str(error), 422)
    elif action in ("deaktivieren", "aktivieren"):
        accounts.set_active(session, account, action == "aktivieren", by)
    return RedirectResponse("/konten", status_code=303)


async def audit_page(request: Request) -> Response:
    """GET /protokoll: the newest 500 entries of the audit log."""
    rows = database(request).scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(500))
    return render(request, "audit.html", rows=list(rows))
