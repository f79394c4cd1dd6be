"""Retraining in the background: one at a time, with the progress lines the command line shows."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from rich.console import Console

from bot.editor.project import Project
from bot.editor.retrain import RetrainResult, retrain
from bot.settings import Settings

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_PROGRESS = re.compile(r"^\W*(?P<label>.+?)\s+[━╸╺─ ]+\s*(?P<time>\d+:\d\d:\d\d)$")
Runner = Callable[[Project, Console], str]


class Tail:
    """A file for a rich Console that keeps the latest line of each progress bar and other messages."""

    def __init__(self) -> None:
        """Nothing written yet."""
        self.lines: dict[str, str] = {}

    def write(self, text: str) -> int:
        """Keep the visible text of each line (the newest state of each progress bar)."""
        for raw in _ANSI.sub("", text).replace("\r", "\n").split("\n"):
            line = raw.strip()
            match = _PROGRESS.match(line)
            if line:
                self.lines[match.group("label") if match else line] = line
        return len(text)

    def flush(self) -> None:
        """Nothing is buffered."""


def summary(result: RetrainResult) -> str:
    """The outcome in the editors' words, as the command line says it."""
    new, old = result.new, result.old
    numbers = (
        f"Makro-F1 neu {new.macro_f1:.3f}, bisher {old.macro_f1:.3f}; richtige Antwort neu "
        f"{new.answer_accuracy:.1%}, bisher {old.answer_accuracy:.1%}"
    )
    if result.swapped:
        return f"Neues Modell aktiv: {result.model.name} – {numbers}; Wechsel ohne Neustart."
    return f"Altes Modell bleibt: das neue ist schlechter – {numbers}."


def run_retrain(project: Project, console: Console) -> str:
    """Train, compare with the running model and swap it if not worse (bot.editor.retrain)."""
    settings = Settings()
    url = f"http://127.0.0.1:{settings.rasa_port}"
    reports = project.output / "training"
    reports.mkdir(parents=True, exist_ok=True)
    return summary(retrain(project, url, settings.api_token, console, reports))


@dataclass
class Job:
    """One retraining: who started it, when, its progress lines and its result."""

    user: str
    started: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    tail: Tail = field(default_factory=Tail)
    result: str = ""
    failed: bool = False
    running: bool = True
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        """The state the training page shows."""
        return {
            "laeuft": self.running,
            "gestartet_von": self.user,
            "gestartet": self.started.isoformat(timespec="seconds"),
            "fortschritt": list(self.tail.lines.values())[-8:],
            "ergebnis": self.result,
            "fehlgeschlagen": self.failed,
            "sekunden": round(self.seconds),
        }


class Trainer:
    """Runs at most one retraining at a time in a background thread."""

    def __init__(self, runner: Runner = run_retrain) -> None:
        """Use `runner` to train (tests give a quick one)."""
        self.runner = runner
        self.job: Job | None = None
        self._lock = threading.Lock()

    def start(self, user: str, project: Project, done: Callable[[Job], None]) -> bool:
        """Start retraining unless one is running; `done` is called with the finished job."""
        with self._lock:
            if self.job and self.job.running:
                return False
            self.job = Job(user)
        threading.Thread(target=self._run, args=(self.job, project, done), daemon=True).start()
        return True

    def _run(self, job: Job, project: Project, done: Callable[[Job], None]) -> None:
        """Run the training and keep its outcome."""
        began = time.monotonic()
        console = Console(file=job.tail, force_terminal=True, no_color=True, width=110)  # type: ignore[arg-type]
        try:
            job.result = self.runner(project, console)
            job.failed = job.result.startswith("Altes Modell bleibt")
        except Exception as error:  # noqa: BLE001 - the page shows every failure
            job.result, job.failed = f"Fehlgeschlagen: {error}", True
        finally:
            job.seconds = time.monotonic() - began
            job.running = False
            done(job)
