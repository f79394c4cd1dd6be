"""The evaluation report: per-intent table and a self-contained German HTML page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from bot.editor import cli, rasa_cli
from bot.editor.evaluation import read_evaluation, table, write_report
from bot.editor.stats import Stats, charts


def test_report_embeds_charts_lists_errors_without_personal_data(tmp_path: Path) -> None:
    report = {
        "ask_hsu": {
            "precision": 1.0,
            "recall": 0.5,
            "f1-score": 0.667,
            "support": 4,
            "confused_with": {"greet": 2},
        },
        "greet": {"precision": 0.6, "recall": 1.0, "f1-score": 0.75, "support": 3, "confused_with": {}},
        "accuracy": 0.71,
        "macro avg": {"precision": 0.8, "recall": 0.75, "f1-score": 0.708, "support": 7},
        "weighted avg": {"precision": 0.83, "recall": 0.71, "f1-score": 0.7, "support": 7},
    }
    errors = [
        {
            "text": "HSU für Ali, Tel 0231 1234567?",
            "intent": "ask_hsu",
            "intent_prediction": {"name": "greet", "confidence": 0.41},
        }
    ]
    (tmp_path / "intent_report.json").write_text(json.dumps(report))
    (tmp_path / "intent_errors.json").write_text(json.dumps(errors))
    pngs = charts(Stats(), tmp_path / "png")  # any PNG will do
    pngs[0].rename(tmp_path / "intent_confusion_matrix.png")
    pngs[1].rename(tmp_path / "intent_histogram.png")
    evaluation = read_evaluation(tmp_path, "dortmund.tar.gz")
    assert [score.intent for score in evaluation.intents] == ["ask_hsu", "greet"]  # worst first
    page = write_report(evaluation).read_text(encoding="utf-8")
    assert page.count('src="data:image/png;base64,') == 2
    assert "Makro-F1: <b>0,708</b>" in page and "Treffer insgesamt: <b>71%</b>" in page
    assert '<tr class="low"><td>ask_hsu</td>' in page and "greet (2)" in page
    assert "Tel [Telefon]" in page and "1234567" not in page
    console = Console(record=True, width=120)
    console.print(table(evaluation))
    text = console.export_text()
    assert "ask_hsu" in text and "0.67" in text and "Durchschnitt (Makro)" in text


def test_evaluate_command_prints_scores_and_writes_the_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []

    def fake_rasa(arguments: list[str], log: Path, label: str, console: object) -> rasa_cli.RasaRun:
        calls.append(arguments)
        out = Path(arguments[arguments.index("--out") + 1])
        row = {
            "precision": 0.9,
            "recall": 0.8,
            "f1-score": 0.847,
            "support": 5,
            "confused_with": {"greet": 1},
        }
        (out / "intent_report.json").write_text(
            json.dumps({"ask_hsu": row, "accuracy": 0.8, "macro avg": row})
        )
        return rasa_cli.RasaRun(0, "", 1.0)

    monkeypatch.setattr(cli.rasa_cli, "run", fake_rasa)
    model = tmp_path / "dortmund.tar.gz"
    model.write_bytes(b"model")
    out = tmp_path / "bewertung"
    out.mkdir()
    result = CliRunner().invoke(cli.app, ["evaluate", "--model", str(model), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert calls[0][:2] == ["test", "nlu"] and str(model) in calls[0]
    assert "ask_hsu" in result.output and "Makro-F1: 0.847" in result.output
    assert "Bericht: " in result.output and (out / "bericht.html").exists()
