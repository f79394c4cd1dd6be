"""Runs Rasa's command line (in its own environment) for validation, training and NLU tests."""

from __future__ import annotations

import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from bot import processes
from bot.editor.project import Project
from bot.settings import ROOT

_PERCENT = re.compile(r"(Epochs|Processed \w+|Evaluating)\D{0,40}?(\d{1,3})%")


@dataclass(frozen=True)
class RasaRun:
    """The result of one Rasa command: exit code and its output."""

    returncode: int
    output: str
    seconds: float


def start(arguments: list[str], log: Path) -> subprocess.Popen:
    """Start `rasa <arguments>` in the repository, its output into a log file."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as output:
        return subprocess.Popen(
            [str(processes.RASA), *arguments],
            cwd=ROOT,
            env=processes.child_environment({"SQLALCHEMY_SILENCE_UBER_WARNING": "1"}),
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )


def _percent(log: Path) -> float | None:
    """The last progress percentage Rasa printed (training epochs), if any."""
    try:
        tail = log.read_bytes()[-4000:].decode("utf-8", "replace")
    except OSError:
        return None
    found = _PERCENT.findall(tail)
    return float(found[-1][1]) if found else None


def wait(running: dict[str, tuple[subprocess.Popen, Path]], console: Console) -> dict[str, RasaRun]:
    """Wait for Rasa processes, showing one progress line each; returns their results by label."""
    started = time.monotonic()
    results: dict[str, RasaRun] = {}
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=not console.is_terminal,
    ) as progress:
        tasks = {label: progress.add_task(label, total=100) for label in running}
        while len(results) < len(running):
            for label, (process, log) in running.items():
                if label in results:
                    continue
                if process.poll() is not None:
                    output = log.read_text(encoding="utf-8", errors="replace")
                    results[label] = RasaRun(process.returncode, output, time.monotonic() - started)
                    progress.update(tasks[label], completed=100)
                else:
                    percent = _percent(log)
                    if percent is not None:
                        progress.update(tasks[label], completed=percent)
            time.sleep(0.5)
    return results


def run(arguments: list[str], log: Path, label: str, console: Console) -> RasaRun:
    """Run one Rasa command with a progress line."""
    return wait({label: (start(arguments, log), log)}, console)[label]


def validate_arguments(project: Project) -> list[str]:
    """`rasa data validate` for a project copy, failing on warnings as `make validate` does."""
    return [
        "data",
        "validate",
        "--domain",
        str(project.domain),
        "--data",
        str(project.data),
        "--config",
        str(project.config),
        "--fail-on-warnings",
    ]


def train_arguments(project: Project, out: Path, name: str) -> list[str]:
    """`rasa train` into a staging folder under a fixed file name."""
    return [
        "train",
        "--domain",
        str(project.domain),
        "--data",
        str(project.data),
        "--config",
        str(project.config),
        "--out",
        str(out),
        "--fixed-model-name",
        name,
    ]


def test_nlu_arguments(model: Path, test_data: Path, out: Path) -> list[str]:
    """`rasa test nlu` of one model on the held-out NLU test set."""
    return ["test", "nlu", "--model", str(model), "--nlu", str(test_data), "--out", str(out)]
