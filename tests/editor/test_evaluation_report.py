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
from bot.processes import RASA_PYTHON
from bot.settings import ROOT


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
    assert "Makro-F1: <b>0,708</b>" in page and "Absicht erkannt: <b>71%</b>" in page
    assert '<tr class="low"><td>ask_hsu</td>' in page and "greet (2)" in page
    assert "Tel [Telefon]" in page and "1234567" not in page
    console = Console(record=True, width=120)
    console.print(table(evaluation))
    text = console.export_text()
    assert "ask_hsu" in text and "0.67" in text and "Durchschnitt (Makro)" in text


def parse(intent: str, topic: str, *ranking: str) -> dict:
    """A parse as scripts/parse_questions.py stores it: intent and the ranking of the topic's answers."""
    ranked = [{"entry": entry, "confidence": 0.9 - 0.4 * index} for index, entry in enumerate(ranking)]
    return {"intent": {"name": intent, "confidence": 0.9}, "entities": [], "answer_ranking": {topic: ranked}}


def fake_run_all(calls: list[dict[str, rasa_cli.Job]]) -> object:
    """rasa_cli.run_all that writes what `rasa test nlu` and parse_questions.py would."""

    def run_all(jobs: dict[str, rasa_cli.Job], console: object) -> dict[str, rasa_cli.RasaRun]:
        calls.append(jobs)
        for job in jobs.values():
            out = Path(job.arguments[job.arguments.index("--out") + 1])
            if job.arguments[:2] == ["test", "nlu"]:
                row = {"precision": 0.9, "recall": 0.8, "f1-score": 0.847, "support": 5, "confused_with": {}}
                report = {"ask_hsu": row, "accuracy": 0.8, "macro avg": row}
                (out / "intent_report.json").write_text(json.dumps(report))
            else:
                parsed = [
                    {"text": "Anmeldeschluss HSU?", "entry": "hsu_deadline", "language": "de"}
                    | {"parse": parse("ask_hsu", "hsu", "hsu_deadline", "hsu_times")},
                    {"text": "When are HSU lessons?", "entry": "hsu_times", "language": "en"}
                    | {"parse": parse("ask_hsu", "hsu", "hsu_deadline", "hsu_times")},
                ]
                out.write_text(json.dumps(parsed))
        return {label: rasa_cli.RasaRun(0, "", 1.0) for label in jobs}

    return run_all


def test_evaluate_command_scores_intents_and_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, rasa_cli.Job]] = []
    monkeypatch.setattr(cli.rasa_cli, "run_all", fake_run_all(calls))
    model = tmp_path / "dortmund.tar.gz"
    model.write_bytes(b"model")
    out = tmp_path / "bewertung"
    out.mkdir()
    result = CliRunner().invoke(
        cli.app, ["evaluate", "--model", str(model), "--out", str(out)], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    [jobs] = calls
    intents, answers = jobs["Absichten"], jobs["Antworten"]
    assert (
        intents.arguments[:2] == ["test", "nlu"] and str(ROOT / "tests/nlu/test_nlu.yml") in intents.arguments
    )
    assert answers.program == RASA_PYTHON and answers.arguments[0].endswith("scripts/parse_questions.py")
    assert str(ROOT / "tests/nlu/answers") in answers.arguments and str(model) in answers.arguments
    assert "Richtige Antwort: 50.0% · Makro-F1 (Absichten): 0.847" in result.output
    assert "hsu_times → hsu_deadline" in result.output
    page = (out / "bericht.html").read_text(encoding="utf-8")
    assert "richtige Antwort: <b>50%</b>" in page and "Falsche Antwort (1)" in page
    assert "<td>When are HSU lessons?</td><td>hsu_times</td><td>hsu_deadline</td>" in page
