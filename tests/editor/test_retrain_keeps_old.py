"""`retrain` keeps the running model when the new one scores lower, and says so with both numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.editor import retrain as retrain_module
from bot.editor.cli import app
from bot.editor.evaluation import Evaluation, read_evaluation
from bot.editor.project import Project
from tests.editor.conftest import project_arguments


def fake_evaluation(folder: Path, model: str, f1: float) -> Evaluation:
    """An evaluation as `rasa test nlu` would leave it, with the given macro-F1."""
    folder.mkdir(parents=True)
    row = {"precision": f1, "recall": f1, "f1-score": f1, "support": 10, "confused_with": {}}
    report = {"ask_hsu": row, "greet": row, "accuracy": f1, "macro avg": row, "weighted avg": row}
    (folder / "intent_report.json").write_text(json.dumps(report))
    return read_evaluation(folder, model)


def test_worse_model_is_not_swapped_in(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    current = tmp_path / "dortmund.tar.gz"
    current.write_bytes(b"running model")
    swapped: list[Path] = []

    def train(project: Project, staging: Path, console: object) -> Path:
        model = staging / "dortmund-neu.tar.gz"
        model.write_bytes(b"new model")
        return model

    def evaluate(
        models: dict[str, Path], test_data: Path, out: Path, console: object
    ) -> dict[str, Evaluation]:
        return {
            "neuen": fake_evaluation(out / "new", models["neuen"].name, 0.8),
            "bisherigen": fake_evaluation(out / "old", models["bisherigen"].name, 0.9),
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
    assert "Makro-F1 neu 0.800 < bisher 0.900" in result.output
    assert swapped == []
    assert not list(project.models.glob("*.tar.gz")) and current.read_bytes() == b"running model"
