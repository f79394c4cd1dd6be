"""Runs Rasa's command line (in its own environment) for validation, training, NLU tests and parsing."""

from __future__ import annotations

import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from bot import processes
from bot.editor.project import RasaFiles
from bot.settings import ROOT

_PERCENT = re.compile(r"(Epochs|Processed \w+|Evaluating)\D{0,40}?(\d{1,3})%")


@dataclass(frozen=True)
class RasaRun:
    """The result of one Rasa command: exit code and its output."""

    returncode: int
    output: str
    seconds: float


@dataclass(frozen=True)
class Job:
    """One command to run: Rasa's arguments (or a script's), its log, and the program (rasa by default)."""

    arguments: list[str]
    log: Path
    program: Path = processes.RASA


def start(arguments: list[str], log: Path, program: Path = processes.RASA) -> subprocess.Popen:
    """Start `rasa <arguments>` (or a program of Rasa's environment) in the repository, output to a log."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as output:
        return subprocess.Popen(
            [str(program), *arguments],
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


def run(
    arguments: list[str], log: Path, label: str, console: Console, program: Path = processes.RASA
) -> RasaRun:
    """Run one Rasa command (or script of Rasa's environment) with a progress line."""
    return wait({label: (start(arguments, log, program), log)}, console)[label]


def run_all(jobs: dict[str, Job], console: Console) -> dict[str, RasaRun]:
    """Run several commands at the same time, one progress line each; their results by label."""
    running = {label: (start(job.arguments, job.log, job.program), job.log) for label, job in jobs.items()}
    return wait(running, console) if running else {}


def validate_arguments(files: RasaFiles) -> list[str]:
    """`rasa data validate` on hand-written and generated files, failing on warnings as `make validate`."""
    return ["data", "validate", *files.arguments(), "--fail-on-warnings"]


def train_arguments(files: RasaFiles, out: Path, name: str) -> list[str]:
    """`rasa train` into a staging folder under a fixed file name."""
    return ["train", *files.arguments(), "--out", str(out), "--fixed-model-name", name]


def test_nlu_arguments(model: Path, test_file: Path, out: Path) -> list[str]:
    """`rasa test nlu` of one model on the held-out intent test set (tests/nlu/test_nlu.yml)."""
    return ["test", "nlu", "--model", str(model), "--nlu", str(test_file), "--out", str(out)]


def parse_arguments(model: Path, questions: Path, out: Path) -> list[str]:
    """scripts/parse_questions.py (Rasa's Python): the model's parse of each held-out answer question."""
    script = ROOT / "scripts" / "parse_questions.py"
    return [str(script), "--model", str(model), "--questions", str(questions), "--out", str(out)]
