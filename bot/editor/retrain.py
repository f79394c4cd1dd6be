"""Train a new model, compare it with the running one on the held-out tests, and swap it in if not worse."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from rich.console import Console

from bot.editor import rasa_cli
from bot.editor.evaluation import Evaluation, evaluation_jobs, file_digest, read_evaluation, write_report
from bot.editor.project import Project
from bot.editor.server import loaded_model, swap_model


class RetrainError(Exception):
    """Training or evaluation failed; the message names the log to read."""


@dataclass(frozen=True)
class RetrainResult:
    """What retraining did: both scores, and whether the server now runs the new model."""

    swapped: bool
    new: Evaluation
    old: Evaluation
    model: Path
    seconds_to_swap: float | None = None


def current_model(project: Project, rasa_url: str, token: str, given: Path | None) -> Path:
    """The file of the model the server runs (looked up in the models folder), or the one given."""
    if given:
        return given
    name = loaded_model(rasa_url, token)
    path = project.models / name
    if not name or not path.exists():
        raise RetrainError(
            f"Das laufende Modell „{name}“ liegt nicht in {project.models}; bitte mit --current-model angeben"
        )
    return path


def evaluate_models(
    models: dict[str, Path], project: Project, out: Path, console: Console
) -> dict[str, Evaluation]:
    """Evaluate models on both test sets at the same time; what was already evaluated is not run again."""
    folders = {
        label: out / f"{model.name.removesuffix('.tar.gz')}-{file_digest(model, project.test_nlu)}"
        for label, model in models.items()
    }
    jobs = {
        f"Teste {label} Modell: {kind}": (label, job)
        for label, model in models.items()
        for kind, job in evaluation_jobs(model, project, folders[label]).items()
    }
    results = rasa_cli.run_all({text: job for text, (_, job) in jobs.items()}, console)
    for text, (label, job) in jobs.items():
        if results[text].returncode != 0:
            raise RetrainError(f"Test des {label} Modells fehlgeschlagen, siehe {job.log}")
    evaluations = {
        label: read_evaluation(folders[label], models[label].name, project.knowledge) for label in models
    }
    for label, evaluation in evaluations.items():
        write_report(evaluation, f"Bewertung des {label} Modells")
    return evaluations


def train(project: Project, staging: Path, console: Console) -> Path:
    """Generate the Rasa files from knowledge/ and train a model into the staging folder; return it."""
    files = project.generate_rasa_files(staging / "rasa")
    if files is None:
        raise RetrainError("Die Wissensbasis hat Fehler – erst `python -m bot.editor check` und sie beheben")
    name = f"dortmund-{datetime.now().strftime('%Y%m%d-%H%M%S')}"
    log = staging.parent / f"{name}-training.log"
    result = rasa_cli.run(
        rasa_cli.train_arguments(files, staging, name), log, "Trainiere neues Modell", console
    )
    model = staging / f"{name}.tar.gz"
    if result.returncode != 0 or not model.exists():
        raise RetrainError(f"Training fehlgeschlagen (Code {result.returncode}), siehe {log}")
    return model


def worse(new: Evaluation, old: Evaluation, tolerance: float) -> bool:
    """True when the new model finds intents or answers worse than the old, beyond the tolerance."""
    return new.macro_f1 + tolerance < old.macro_f1 or new.answer_accuracy + tolerance < old.answer_accuracy


def retrain(
    project: Project,
    rasa_url: str,
    token: str,
    console: Console,
    reports: Path,
    given_current: Path | None = None,
    tolerance: float = 0.0,
) -> RetrainResult:
    """Train, evaluate new and current model, and swap the server's model only if the new one is not worse."""
    old_model = current_model(project, rasa_url, token, given_current)
    staging = Path(tempfile.mkdtemp(prefix="neues-modell-", dir=reports))
    try:
        new_model = train(project, staging, console)
        scores = evaluate_models({"neuen": new_model, "bisherigen": old_model}, project, reports, console)
        new, old = scores["neuen"], scores["bisherigen"]
        if worse(new, old, tolerance):
            return RetrainResult(False, new, old, old_model)
        project.models.mkdir(parents=True, exist_ok=True)
        installed = project.models / new_model.name
        shutil.move(str(new_model), installed)
        seconds = swap_model(rasa_url, token, installed)
        return RetrainResult(True, new, old, installed, seconds)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
