"""Login and logout."""

from __future__ import annotations

import secrets

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.console import accounts
from bot.console.db import audit, sessions
from bot.console.security import (
    COOKIE,
    LOCK_MINUTES,
    LOGIN_COOKIE,
    clear_failures,
    close_session,
    locked,
    open_session,
    record_failure,
    same_token,
)
from bot.console.web import config, database, render

WRONG = "Name oder Passwort ist falsch."


def _next(target: str | None) -> str:
    """Where to go after login: only a path of this console."""
    return target if target and target.startswith("/") and not target.startswith("//") else "/"


def _cookie(request: Request, response: Response, name: str, value: str) -> None:
    """Set a cookie that scripts cannot read and other sites cannot send (Secure behind HTTPS)."""
    secure = request.url.scheme == "https"
    response.set_cookie(name, value, httponly=True, samesite="strict", secure=secure, path="/")


def login_form(request: Request, message: str = "", status: int = 200, name: str = "") -> Response:
    """The login page with its form token (also kept in a cookie: double submit)."""
    token = request.cookies.get(LOGIN_COOKIE) or secrets.token_urlsafe(24)
    nxt = _next(request.query_params.get("weiter"))
    response = render(request, "login.html", status, csrf=token, message=message, name=name, weiter=nxt)
    _cookie(request, response, LOGIN_COOKIE, token)
    return response


async def login_page(request: Request) -> Response:
    """GET /login."""
    return login_form(request)


async def login(request: Request) -> Response:
    """POST /login: check token, lockout and password; open a session."""
    form = await request.form()
    name = str(form.get("name") or "").strip().lower()
    if not same_token(request.cookies.get(LOGIN_COOKIE, ""), form.get("csrf")):
        return login_form(request, "Sicherheitstoken fehlt. Bitte die Seite neu laden.", 403, name)
    address = request.client.host if request.client else "?"
    with sessions(config(request).database_url).begin() as session:
        if locked(session, name, address):
            message = f"Zu viele Fehlversuche. Bitte in {LOCK_MINUTES} Minuten erneut versuchen."
            return login_form(request, message, 429, name)
        account = accounts.find(session, name)
        if not accounts.verify(account, str(form.get("password") or "")) or not account or not account.active:
            record_failure(session, name, address)
            return login_form(request, WRONG, 401, name)
        clear_failures(session, name)
        token = open_session(session, account)
        audit(session, name, "Anmeldung", f"von {address}")
    response = RedirectResponse(_next(str(form.get("weiter") or "")), status_code=303)
    _cookie(request, response, COOKIE, token)
    return response


async def logout(request: Request) -> Response:
    """POST /logout: end the session on the server and forget the cookie."""
    close_session(database(request), request.cookies.get(COOKIE))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response
