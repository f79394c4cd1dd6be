"""`retrain` keeps the running model when the new one scores lower, and says so with both numbers."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from bot.editor import rasa_cli
from bot.editor import retrain as retrain_module
from bot.editor.answers import AnswerEvaluation
from bot.editor.cli import app
from bot.editor.evaluation import Evaluation, read_evaluation
from bot.editor.project import Project
from tests.editor.conftest import project_arguments


def fake_evaluation(folder: Path, model: str, f1: float, right: float) -> Evaluation:
    """An evaluation as `rasa test nlu` would leave it, with the given macro-F1 and share of right answers."""
    folder.mkdir(parents=True)
    row = {"precision": f1, "recall": f1, "f1-score": f1, "support": 10, "confused_with": {}}
    report = {"ask_hsu": row, "greet": row, "accuracy": f1, "macro avg": row, "weighted avg": row}
    (folder / "intent_report.json").write_text(json.dumps(report))
    return replace(read_evaluation(folder, model), answers=AnswerEvaluation(right, 1.0, {"de": (10, right)}))


@pytest.mark.parametrize(
    ("new", "old", "message"),
    [
        (
            (0.8, 0.95),
            (0.9, 0.95),
            "Makro-F1 neu 0.800, bisher 0.900; richtige Antwort neu 95.0%, bisher 95.0%",
        ),
        (
            (0.95, 0.8),
            (0.9, 0.9),
            "Makro-F1 neu 0.950, bisher 0.900; richtige Antwort neu 80.0%, bisher 90.0%",
        ),
    ],
)
def test_worse_model_is_not_swapped_in(
    project: Project,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    new: tuple[float, float],
    old: tuple[float, float],
    message: str,
) -> None:
    current = tmp_path / "dortmund.tar.gz"
    current.write_bytes(b"running model")
    swapped: list[Path] = []

    def train(project: Project, staging: Path, console: object) -> Path:
        model = staging / "dortmund-neu.tar.gz"
        model.write_bytes(b"new model")
        return model

    def evaluate(
        models: dict[str, Path], project: Project, out: Path, console: object
    ) -> dict[str, Evaluation]:
        return {
            "neuen": fake_evaluation(out / "new", models["neuen"].name, *new),
            "bisherigen": fake_evaluation(out / "old", models["bisherigen"].name, *old),
        }

    monkeypatch.setattr(retrain_module, "train", train)
    monkeypatch.setattr(retrain_module, "evaluate_models", evaluate)
    monkeypatch.setattr(retrain_module, "swap_model", lambda url, token, model: swapped.append(model))
    result = CliRunner().invoke(
        app,
        [
            "retrain",
            *project_arguments(project),
            "--models",
            str(project.models),
            "--current-model",
            str(current),
        ]
        + ["--rasa-url", "http://127.0.0.1:9", "--token", "t", "--out", str(tmp_path / "reports")],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 2, result.output
    assert "Altes Modell bleibt" in result.output
    assert message in result.output
    assert swapped == []
    assert not list(project.models.glob("*.tar.gz")) and current.read_bytes() == b"running model"


def test_training_uses_the_files_generated_from_knowledge(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[list[str]] = []

    def fake_rasa(arguments: list[str], log: Path, label: str, console: object) -> rasa_cli.RasaRun:
        calls.append(arguments)
        out = Path(arguments[arguments.index("--out") + 1])
        (out / f"{arguments[arguments.index('--fixed-model-name') + 1]}.tar.gz").write_bytes(b"model")
        return rasa_cli.RasaRun(0, "", 1.0)

    monkeypatch.setattr(retrain_module.rasa_cli, "run", fake_rasa)
    staging = tmp_path / "reports" / "staging"
    staging.mkdir(parents=True)
    model = retrain_module.train(project, staging, Console())
    [arguments] = calls
    domain = Path(arguments[arguments.index("--domain") + 1])
    data = arguments[arguments.index("--data") + 1 : arguments.index("--config")]
    assert model.exists() and domain == staging / "rasa" / "domain.yml"
    assert data == [str(project.data), str(staging / "rasa" / "data")]
    assert "- ask_hsu" in domain.read_text()  # the topic intents come from knowledge/
    assert "entry: hsu_deadline" in (staging / "rasa" / "data" / "answers_nlu.yml").read_text()
    (project.knowledge / "hsu.yml").write_text("topic: [kaputt")
    with pytest.raises(retrain_module.RetrainError, match="Wissensbasis hat Fehler"):
        retrain_module.train(project, staging, Console())
