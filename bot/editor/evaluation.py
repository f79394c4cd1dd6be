"""Evaluation on the held-out test sets (intents and answers): tables and a German HTML report."""

from __future__ import annotations

import base64
import hashlib
import html
import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from rich.table import Table

from bot.editor import rasa_cli
from bot.editor.answers import PARSED, AnswerEvaluation, answers_html, read_answers
from bot.editor.project import Project
from bot.editor.redact import redact
from bot.processes import RASA_PYTHON

AVERAGES = ("macro avg", "weighted avg", "micro avg")
IMAGES = {
    "intent_confusion_matrix.png": "Verwechslungsmatrix: richtige Absicht (Zeile), erkannte Absicht (Spalte)",
    "intent_histogram.png": "Sicherheit des Bots: richtige und falsche Erkennungen nach Konfidenz",
}


@dataclass(frozen=True)
class IntentScore:
    """Precision, recall and F1 of one intent on the test set."""

    intent: str
    precision: float
    recall: float
    f1: float
    support: int
    confused_with: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Evaluation:
    """The result of `rasa test nlu` for one model."""

    folder: Path
    model: str
    intents: list[IntentScore]
    macro: IntentScore
    accuracy: float
    errors: list[dict[str, Any]]
    answers: AnswerEvaluation | None = None

    @property
    def macro_f1(self) -> float:
        """The intent-level number models are compared by."""
        return self.macro.f1

    @property
    def answer_accuracy(self) -> float:
        """The answer-level number models are compared by (share of test questions with the right answer)."""
        return self.answers.accuracy if self.answers else 0.0


def _score(name: str, row: dict[str, Any]) -> IntentScore:
    """One row of intent_report.json."""
    return IntentScore(
        name,
        float(row.get("precision", 0.0)),
        float(row.get("recall", 0.0)),
        float(row.get("f1-score", 0.0)),
        int(row.get("support", 0)),
        dict(row.get("confused_with") or {}),
    )


def evaluation_jobs(model: Path, project: Project, folder: Path) -> dict[str, rasa_cli.Job]:
    """What evaluating a model runs (what is already in `folder` is not run again): intents and answers."""
    jobs = {}
    if not (folder / "intent_report.json").exists():
        arguments = rasa_cli.test_nlu_arguments(model, project.intent_tests, folder)
        jobs["Absichten"] = rasa_cli.Job(arguments, folder / "rasa.log")
    if not (folder / PARSED).exists():
        arguments = rasa_cli.parse_arguments(model, project.answer_tests, folder / PARSED)
        jobs["Antworten"] = rasa_cli.Job(arguments, folder / "antworten.log", RASA_PYTHON)
    return jobs


def read_evaluation(folder: Path, model: str, knowledge: Path | None = None) -> Evaluation:
    """Read what `rasa test nlu --out folder` wrote and, with the knowledge base, score the answers."""
    report = json.loads((folder / "intent_report.json").read_text(encoding="utf-8"))
    intents = [
        _score(name, row)
        for name, row in report.items()
        if isinstance(row, dict) and "support" in row and name not in AVERAGES
    ]
    errors_file = folder / "intent_errors.json"
    errors = json.loads(errors_file.read_text(encoding="utf-8")) if errors_file.exists() else []
    return Evaluation(
        folder,
        model,
        sorted(intents, key=lambda score: (score.f1, score.intent)),
        _score("macro avg", report["macro avg"]),
        float(report.get("accuracy", 0.0)),
        errors,
        read_answers(folder / PARSED, knowledge) if knowledge and (folder / PARSED).exists() else None,
    )


def file_digest(*paths: Path) -> str:
    """A short hash of files (a model and the test set), to reuse an evaluation of the same model."""
    digest = hashlib.sha256()
    for path in paths:
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if file.is_file():
                digest.update(file.name.encode())
                with file.open("rb") as content:
                    for chunk in iter(lambda: content.read(1 << 20), b""):
                        digest.update(chunk)
    return digest.hexdigest()[:16]


def table(evaluation: Evaluation, title: str | None = None) -> Table:
    """Per-intent scores as a rich table, worst first."""
    result = Table(title=title or f"Bewertung von {evaluation.model}")
    for column in ("Absicht", "Präzision", "Trefferquote", "F1", "Testfragen", "verwechselt mit"):
        result.add_column(column, justify="left" if column in ("Absicht", "verwechselt mit") else "right")
    for score in [*evaluation.intents, evaluation.macro]:
        style = "bold" if score is evaluation.macro else ("red" if score.f1 < 0.8 else None)
        confused = ", ".join(f"{name} ({count})" for name, count in score.confused_with.items())
        result.add_row(
            "Durchschnitt (Makro)" if score is evaluation.macro else score.intent,
            f"{score.precision:.2f}",
            f"{score.recall:.2f}",
            f"{score.f1:.2f}",
            str(score.support),
            confused,
            style=style,
        )
    return result


def _image(path: Path, caption: str) -> str:
    """An embedded PNG with its caption (the report stays one self-contained file)."""
    if not path.exists():
        return f"<p>{html.escape(path.name)} fehlt.</p>"
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return (
        f'<figure><img alt="{html.escape(caption)}" src="data:image/png;base64,{data}">'
        f"<figcaption>{html.escape(caption)}</figcaption></figure>"
    )


_STYLE = """
body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{color:#004f9f}table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .6rem}
th{background:#eef3f9;text-align:left}td.n{text-align:right}tr.low{background:#fde8e8}tr.avg{font-weight:bold}
figure{margin:1.5rem 0}img{max-width:100%;border:1px solid #ddd}.note{color:#555}
"""


def _number(value: float, digits: int = 2) -> str:
    """A number the German way: 0,85."""
    return f"{value:.{digits}f}".replace(".", ",")


def _error_row(error: dict[str, Any]) -> str:
    """One wrongly classified test question as a table row."""
    prediction = error.get("intent_prediction") or {}
    cells = [redact(str(error.get("text", ""))), str(error.get("intent")), str(prediction.get("name"))]
    confidence = float(prediction.get("confidence") or 0.0)
    return (
        "<tr>"
        + "".join(f"<td>{html.escape(cell)}</td>" for cell in cells)
        + f'<td class="n">{_number(confidence)}</td></tr>'
    )


def html_report(evaluation: Evaluation, title: str = "Bewertung des Sprachmodells") -> str:
    """A German, self-contained HTML report: explanation, per-intent table, wrong answers and charts."""
    rows = []
    for score in [*evaluation.intents, evaluation.macro]:
        average = score is evaluation.macro
        css = "avg" if average else ("low" if score.f1 < 0.8 else "")
        confused = ", ".join(f"{html.escape(name)} ({count})" for name, count in score.confused_with.items())
        name = "Durchschnitt (Makro)" if average else html.escape(score.intent)
        rows.append(
            f'<tr class="{css}"><td>{name}</td><td class="n">{_number(score.precision)}</td>'
            f'<td class="n">{_number(score.recall)}</td><td class="n">{_number(score.f1)}</td>'
            f'<td class="n">{score.support}</td><td>{confused}</td></tr>'
        )
    errors = [_error_row(error) for error in evaluation.errors]
    images = "".join(_image(evaluation.folder / name, caption) for name, caption in IMAGES.items())
    stamp = datetime.now().strftime("%d.%m.%Y %H:%M")
    answer = f" · richtige Antwort: <b>{evaluation.answer_accuracy:.0%}</b>" if evaluation.answers else ""
    return f"""<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>{html.escape(title)}</title><style>{_STYLE}</style></head>
<body>
<h1>{html.escape(title)}</h1>
<p>Modell: <code>{html.escape(evaluation.model)}</code> · erstellt am {stamp} ·
Absicht erkannt: <b>{evaluation.accuracy:.0%}</b> ·
Makro-F1: <b>{_number(evaluation.macro_f1, 3)}</b>{answer}</p>
{answers_html(evaluation.answers) if evaluation.answers else ""}
<h2>Ergebnis je Absicht</h2>
<p class="note">Geprüft wird mit Testfragen, die der Bot beim Lernen nie gesehen hat (tests/nlu/test_nlu.yml).
<b>Präzision</b>: Wenn der Bot diese Absicht erkennt, wie oft stimmt das?
<b>Trefferquote</b>: Von allen Testfragen zu dieser Absicht, wie viele erkennt der Bot?
<b>F1</b> fasst beides zusammen (1,00 = perfekt). Rot markiert: F1 unter 0,80 – hier helfen mehr und
vielfältigere Beispielfragen.</p>
<table><tr><th>Absicht</th><th>Präzision</th><th>Trefferquote</th><th>F1</th><th>Testfragen</th>
<th>verwechselt mit</th></tr>
{"".join(rows)}
</table>
<h2>Falsch erkannte Testfragen ({len(errors)})</h2>
<table><tr><th>Frage</th><th>richtig wäre</th><th>erkannt als</th><th>Sicherheit</th></tr>
{"".join(errors)}
</table>
<h2>Diagramme</h2>
{images}
</body></html>
"""


def write_report(evaluation: Evaluation, title: str = "Bewertung des Sprachmodells") -> Path:
    """Write bericht.html next to Rasa's files; returns its path."""
    path = evaluation.folder / "bericht.html"
    path.write_text(html_report(evaluation, title), encoding="utf-8")
    return path
