"""Rasa's own validation (`rasa data validate`, as `bot.editor check` runs it) in the background.

It takes half a minute, so the training page does not wait for it: the page starts it when the files have
changed since the last run and shows its findings once they are there.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

from rich.console import Console

from bot.editor.check_rasa import rasa_findings
from bot.editor.findings import Finding
from bot.editor.project import Project

Runner = Callable[[Project, Console], list[Finding]]
Fingerprint = tuple[int, int]


def fingerprint(project: Project) -> Fingerprint:
    """The newest change time and the number of the files Rasa validates: another value means a new check."""
    files = [project.domain, project.config, *project.data.rglob("*.yml"), *project.knowledge.glob("*.yml")]
    times = [path.stat().st_mtime_ns for path in files if path.exists()]
    return max(times, default=0), len(times)


class RasaCheck:
    """The latest result of Rasa's validation; at most one run at a time, in a background thread."""

    def __init__(self, runner: Runner = rasa_findings) -> None:
        """Use `runner` to validate (tests give a stand-in)."""
        self.runner = runner
        self.findings: list[Finding] = []
        self.error = ""
        self.running = False
        self.finished: datetime | None = None
        self._checked: Fingerprint | None = None  # the state of the files the findings are about
        self._lock = threading.Lock()

    def refresh(self, project: Project) -> bool:
        """Start a run unless one is running or the findings are about the files as they are now."""
        current = fingerprint(project)
        with self._lock:
            if self.running or self._checked == current:
                return False
            self.running = True
        threading.Thread(target=self._run, args=(project, current), daemon=True).start()
        return True

    def _run(self, project: Project, current: Fingerprint) -> None:
        """Validate and keep the findings (a failed run is tried again at the next refresh)."""
        try:
            self.findings, self.error = self.runner(project, Console(file=io.StringIO(), width=110)), ""
            self._checked = current
        except Exception as error:  # noqa: BLE001 - the page shows every failure
            self.findings, self.error, self._checked = [], str(error) or type(error).__name__, None
        finally:
            self.finished = datetime.now(timezone.utc)
            self.running = False

    def as_dict(self) -> dict[str, Any]:
        """The state the training page shows."""
        return {
            "laeuft": self.running,
            "meldungen": len(self.findings),
            "fehler": self.error,
            "beendet": self.finished.isoformat(timespec="seconds") if self.finished else None,
        }
