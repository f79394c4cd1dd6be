"""Train a new model, compare it with the running one on the NLU test set, and swap it in if not worse."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from rich.console import Console

from bot.editor import rasa_cli
from bot.editor.evaluation import Evaluation, file_digest, read_evaluation, write_report
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
    models: dict[str, Path], test_data: Path, out: Path, console: Console
) -> dict[str, Evaluation]:
    """Evaluate models on the test set at the same time; a model already evaluated is not run again."""
    running = {}
    folders = {}
    for label, model in models.items():
        folder = out / f"{model.name.removesuffix('.tar.gz')}-{file_digest(model, test_data)}"
        folders[label] = folder
        if not (folder / "intent_report.json").exists():
            log = folder / "rasa.log"
            arguments = rasa_cli.test_nlu_arguments(model, test_data, folder)
            running[f"Teste {label} Modell"] = (label, rasa_cli.start(arguments, log), log)
    if running:
        results = rasa_cli.wait(
            {text: (process, log) for text, (_, process, log) in running.items()}, console
        )
        for text, (label, _, log) in running.items():
            if results[text].returncode != 0:
                raise RetrainError(f"Test des {label} Modells fehlgeschlagen, siehe {log}")
    evaluations = {label: read_evaluation(folders[label], models[label].name) for label in models}
    for label, evaluation in evaluations.items():
        write_report(evaluation, f"Bewertung des {label} Modells")
    return evaluations


def train(project: Project, staging: Path, console: Console) -> Path:
    """Train a model into the staging folder; returns the model file."""
    name = f"dortmund-{datetime.now().strftime('%Y%m%d-%H%M%S')}"
    log = staging.parent / f"{name}-training.log"
    result = rasa_cli.run(
        rasa_cli.train_arguments(project, staging, name), log, "Trainiere neues Modell", console
    )
    model = staging / f"{name}.tar.gz"
    if result.returncode != 0 or not model.exists():
        raise RetrainError(f"Training fehlgeschlagen (Code {result.returncode}), siehe {log}")
    return model


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
        scores = evaluate_models(
            {"neuen": new_model, "bisherigen": old_model}, project.test_nlu, reports, console
        )
        new, old = scores["neuen"], scores["bisherigen"]
        if new.macro_f1 + tolerance < old.macro_f1:
            return RetrainResult(False, new, old, old_model)
        project.models.mkdir(parents=True, exist_ok=True)
        installed = project.models / new_model.name
        shutil.move(str(new_model), installed)
        seconds = swap_model(rasa_url, token, installed)
        return RetrainResult(True, new, old, installed, seconds)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
