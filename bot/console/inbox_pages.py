"""Posteingang: residents' questions the bot did not understand, was unsure about, or that got a 👎."""

from __future__ import annotations

import threading

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from bot.console.db import audit
from bot.console.web import config, database, form, render
from bot.editor.inbox import OUT_OF_SCOPE, Group, find_group
from bot.editor.nlu_data import AppendError
from bot.editor.review import Outcome, assign, assignable_answers, assignable_intents, ignore, load_inbox
from bot.editor.state import ReviewState
from bot.editor.stats import local_zone

# One decision at a time: the review state file and the knowledge files are written by one request.
REVIEW_LOCK = threading.Lock()


def _groups(request: Request) -> list[Group]:
    """The open inbox, as `python -m bot.editor review --list` shows it."""
    settings = config(request)
    return load_inbox(settings.tracker_store, settings.threshold, ReviewState(settings.review_state))


def _page(request: Request, groups: list[Group], message: str = "", error: bool = False) -> Response:
    """The inbox page with the answers and intents a question can be assigned to."""
    project = config(request).project
    answers = assignable_answers(project)
    topics: dict[str, list] = {}
    for answer in answers:
        topics.setdefault(answer.topic, []).append(answer)
    intents = [name for name in assignable_intents(project) if not name.startswith("ask_")]
    return render(
        request,
        "inbox.html",
        groups=groups,
        topics=topics,
        intents=intents,
        message=message,
        error=error,
        zone=local_zone(),
        first_answer={answer.intent: answer.slug for answer in reversed(answers)},
    )


async def inbox(request: Request) -> Response:
    """GET /posteingang."""
    return _page(request, await run_in_threadpool(_groups, request))


def _decide(request: Request, item_id: str, fields: dict[str, str]) -> tuple[Outcome | None, str]:
    """Apply the editor's decision with the command line's functions; (outcome, error message)."""
    settings = config(request)
    with REVIEW_LOCK:
        chosen = find_group(_groups(request), item_id)
        if chosen is None:
            return None, "Diese Frage ist nicht mehr im Posteingang (schon entschieden?)."
        state = ReviewState(settings.review_state)
        choice = fields.get("entscheidung")
        try:
            if choice == "ignorieren":
                return ignore(chosen, state), ""
            target = OUT_OF_SCOPE if choice == "themenfremd" else fields.get("ziel", "")
            return assign(chosen, target, settings.project, state), ""
        except AppendError as error:
            return None, str(error)


async def decide(request: Request) -> Response:
    """POST /posteingang/{item}: assign to an answer, mark off topic, or ignore; then the inbox again."""
    fields = form(request)
    outcome, error = await run_in_threadpool(_decide, request, request.path_params["item"], fields)
    if outcome:
        audit(database(request), request.state.visitor.name, "Posteingang", outcome.message)
    groups = await run_in_threadpool(_groups, request)
    return _page(request, groups, outcome.message if outcome else error, error=outcome is None)
