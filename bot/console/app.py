"""The console's routes: public login and static files; every other page behind `guarded`."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from bot.console import admin_pages, answer_pages, auth_pages, inbox_pages, stats_pages, training_pages
from bot.console.config import Config
from bot.console.web import HERE, SecurityHeaders, guarded

PUBLIC = {"/login", "/healthz", "/static"}


async def home(request: Request) -> Response:
    """GET /: the inbox is the editors' start page."""
    return RedirectResponse("/posteingang", status_code=303)


async def health(request: Request) -> Response:
    """GET /healthz: the console is up (no data)."""
    return PlainTextResponse("ok")


def routes() -> list[Route | Mount]:
    """Every route; all but login, health and static files need a session, some the admin role."""
    page, admin = guarded, (lambda endpoint: guarded(endpoint, admin=True))
    return [
        Route("/login", auth_pages.login_page, methods=["GET"]),
        Route("/login", auth_pages.login, methods=["POST"]),
        Route("/healthz", health),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        Route("/", page(home)),
        Route("/logout", page(auth_pages.logout), methods=["POST"]),
        Route("/posteingang", page(inbox_pages.inbox)),
        Route("/posteingang/{item}", page(inbox_pages.decide), methods=["POST"]),
        Route("/antworten", page(answer_pages.answer_list)),
        Route("/antworten/{slug}", page(answer_pages.answer_page), methods=["GET"]),
        Route("/antworten/{slug}", page(answer_pages.save_answer), methods=["POST"]),
        Route("/aenderungen/{change:int}", page(answer_pages.change_page)),
        Route("/aenderungen/{change:int}/rueckgaengig", page(answer_pages.undo), methods=["POST"]),
        Route("/training", page(training_pages.training)),
        Route("/training/start", page(training_pages.start_training), methods=["POST"]),
        Route("/api/training", page(training_pages.training_status)),
        Route("/api/rasa-pruefung", page(training_pages.rasa_check_status)),
        Route("/statistik", page(stats_pages.stats_page)),
        Route("/statistik/{name}.svg", page(stats_pages.chart)),
        Route("/konten", admin(admin_pages.accounts_page), methods=["GET"]),
        Route("/konten", admin(admin_pages.add_account), methods=["POST"]),
        Route("/konten/{account:int}", admin(admin_pages.change_account), methods=["POST"]),
        Route("/protokoll", admin(admin_pages.audit_page)),
    ]


def create_app(config: Config) -> Starlette:
    """The console for one configuration."""
    app = Starlette(routes=routes(), middleware=[Middleware(SecurityHeaders)])
    app.state.config = config
    return app
