"""The console's plumbing: templates, sign-in check on every page, CSRF check on every form, headers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.console.config import Config
from bot.console.db import sessions
from bot.console.models import ADMIN
from bot.console.security import COOKIE, Visitor, same_token, visitor

HERE = Path(__file__).parent
TEMPLATES = Environment(
    loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]), trim_blocks=True
)
Endpoint = Callable[[Request], Awaitable[Response]]
HEADERS = [
    (b"content-security-policy", b"default-src 'self'; img-src 'self' data:; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]


def config(request: Request) -> Config:
    """The console's configuration."""
    return request.app.state.config


def database(request: Request) -> Session:
    """A database session for this request (committed by `guarded` when the page succeeds)."""
    return request.state.db


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page from a template, with the signed-in account and its CSRF token."""
    who: Visitor | None = getattr(request.state, "visitor", None)
    page = TEMPLATES.get_template(template).render(
        request=request, visitor=who, csrf=who.csrf if who else context.pop("csrf", ""), **context
    )
    return HTMLResponse(page, status_code=status)


def wants_json(request: Request) -> bool:
    """True for the console's JSON endpoints and requests that ask for JSON."""
    return request.url.path.startswith("/api/") or "application/json" in request.headers.get("accept", "")


def refuse(request: Request, status: int, message: str) -> Response:
    """A refusal as JSON or as a page."""
    if wants_json(request):
        return JSONResponse({"fehler": message}, status_code=status)
    return render(request, "error.html", status, message=message, code=status)


def _unauthenticated(request: Request) -> Response:
    """401 for JSON, else a redirect to the login page that comes back here."""
    if wants_json(request):
        return JSONResponse({"fehler": "Bitte anmelden."}, status_code=401)
    return RedirectResponse(f"/login?weiter={quote(request.url.path)}", status_code=303)


def guarded(endpoint: Endpoint, admin: bool = False) -> Endpoint:
    """The endpoint only for a signed-in account (admins only if `admin`), forms only with a CSRF token."""

    async def checked(request: Request) -> Response:
        """Check session, role and CSRF token, then run the endpoint in one database transaction."""
        with sessions(config(request).database_url).begin() as session:
            request.state.db = session
            who = visitor(session, request.cookies.get(COOKIE))
            if who is None:
                return _unauthenticated(request)
            request.state.visitor = who
            if admin and who.role != ADMIN:
                return refuse(request, 403, "Diese Seite ist nur für Admins.")
            if request.method == "POST":
                form = await request.form()
                if not same_token(who.csrf, form.get("csrf")):
                    return refuse(
                        request, 403, "Sicherheitstoken fehlt oder ist abgelaufen. Bitte neu laden."
                    )
                request.state.form = form
            return await endpoint(request)

    return checked


def form(request: Request) -> dict[str, str]:
    """The checked form of a POST request as text fields."""
    return {key: value for key, value in request.state.form.items() if isinstance(value, str)}


class SecurityHeaders:
    """Adds the Content-Security-Policy and related headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        """Wrap the application."""
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on; add the headers to the response's start."""

        async def with_headers(message: Message) -> None:
            """Add the headers to the response's start message."""
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers if scope["type"] == "http" else send)
