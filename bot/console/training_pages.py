"""Training: the checks of `bot.editor check` (Rasa's in the background), and retraining with progress."""

from __future__ import annotations

from collections.abc import Callable

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from bot.console.config import Config
from bot.console.db import audit, sessions
from bot.console.jobs import Job
from bot.console.web import config, database, render
from bot.editor.check_entries import check_entries
from bot.editor.check_knowledge import check_knowledge
from bot.editor.check_nlu import check_nlu
from bot.editor.findings import ERROR, Finding, sort_findings
from bot.editor.knowledge_files import KnowledgeFile, scan_directory


def findings(settings: Config) -> tuple[list[Finding], dict[int, str]]:
    """The checks of `python -m bot.editor check` (Rasa's as far as done), and the entry each one is about."""
    project = settings.project
    files = scan_directory(project.knowledge)
    settings.rasa_check.refresh(project)
    found = sort_findings(
        [
            *check_nlu(project, files, 10, 5, 0.9),
            *check_knowledge(project, files, 730),
            *check_entries(project, files),
            *settings.rasa_check.findings,
        ]
    )
    return found, {index: slug for index, item in enumerate(found) if (slug := _entry_of(item, files))}


def _entry_of(finding: Finding, files: dict[str, KnowledgeFile]) -> str:
    """The slug of the knowledge entry at the finding's line ('' when it is not in an entry)."""
    scanned = files.get(finding.file.rsplit("/", 1)[-1]) if finding.file.startswith("knowledge/") else None
    if scanned is None or not finding.line:
        return ""
    before = [entry for entry in scanned.entries if entry.line <= finding.line]
    return before[-1].slug if before else ""


async def training(request: Request) -> Response:
    """GET /training: checks, the last or running retraining and the start button."""
    found, links = await run_in_threadpool(findings, config(request))
    job = config(request).trainer.job
    errors = sum(item.severity == ERROR for item in found)
    rasa = config(request).rasa_check
    return render(request, "training.html", findings=found, links=links, errors=errors, job=job, rasa=rasa)


def _finished(database_url: str) -> Callable[[Job], None]:
    """A callback that writes the outcome of a retraining into the audit log."""

    def done(job: Job) -> None:
        """Audit the finished job."""
        with sessions(database_url).begin() as session:
            audit(session, job.user, "Neu trainieren beendet", job.result)

    return done


async def start_training(request: Request) -> Response:
    """POST /training/start: start retraining unless one is running."""
    settings, user = config(request), request.state.visitor.name
    if settings.trainer.start(user, settings.project, _finished(settings.database_url)):
        audit(database(request), user, "Neu trainieren gestartet", "")
    return RedirectResponse("/training", status_code=303)


async def training_status(request: Request) -> Response:
    """GET /api/training: the retraining's state as JSON (the page polls it)."""
    job = config(request).trainer.job
    return JSONResponse(job.as_dict() if job else {"laeuft": False})


async def rasa_check_status(request: Request) -> Response:
    """GET /api/rasa-pruefung: the state of Rasa's validation as JSON (the page polls it while it runs)."""
    return JSONResponse(config(request).rasa_check.as_dict())
