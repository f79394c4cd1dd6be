"""Answer-level evaluation: which knowledge entry the bot gives for the questions of tests/nlu/answers/.

The model's parses come from scripts/parse_questions.py; the answer is decided as the bot decides it, by
scripts/answer_report.py (`make test-nlu` runs the same two scripts).
"""

from __future__ import annotations

import html
import importlib.util
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import ModuleType

from rich.table import Table

from bot.editor.redact import redact
from bot.settings import ROOT

PARSED = "parsed.json"


@cache
def answer_report() -> ModuleType:
    """scripts/answer_report.py as a module (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("answer_report", ROOT / "scripts" / "answer_report.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class Wrong:
    """A held-out question that got another answer than the expected one."""

    text: str
    expected: str
    chosen: str


@dataclass(frozen=True)
class AnswerEvaluation:
    """How often the bot gives the right answer, per language, and the topic macro-F1."""

    accuracy: float
    topic_f1: float
    by_language: dict[str, tuple[int, float]]
    wrong: list[Wrong] = field(default_factory=list)
    unsure: int = 0

    @property
    def confusions(self) -> list[tuple[str, str, int]]:
        """(expected, chosen, count), most frequent first."""
        counts = Counter((item.expected, item.chosen) for item in self.wrong)
        return [(expected, chosen, count) for (expected, chosen), count in counts.most_common()]


def read_answers(parsed_file: Path, knowledge: Path) -> AnswerEvaluation:
    """Decide the answer for every parsed question with the knowledge base and score the choices."""
    script = answer_report()
    parsed = json.loads(parsed_file.read_text(encoding="utf-8"))
    results = script.decide(parsed, knowledge)
    topics = {topic_file.topic.slug for topic_file in script.read_knowledge(knowledge)}
    by_language: dict[str, list[bool]] = defaultdict(list)
    wrong = []
    for question, entry, _, _ in results:
        by_language[question["language"]].append(entry == question["entry"])
        if entry != question["entry"]:
            wrong.append(Wrong(redact(question["text"]), question["entry"], entry))
    correct = [ok for oks in by_language.values() for ok in oks]
    topic_f1, _ = script.macro_f1(
        [(script.topic_of(q["entry"], topics), topic) for q, _, topic, _ in results]
    )
    return AnswerEvaluation(
        sum(correct) / len(correct) if correct else 0.0,
        topic_f1 if results else 0.0,
        {language: (len(oks), sum(oks) / len(oks)) for language, oks in sorted(by_language.items())},
        wrong,
        sum(1 for *_, unsure in results if unsure),
    )


def answers_table(evaluation: AnswerEvaluation) -> Table:
    """Right answers per language and the most frequent confusions."""
    result = Table(title="Richtige Antwort (Testfragen je Antwort, tests/nlu/answers/)")
    result.add_column("Sprache / verwechselt")
    result.add_column("Testfragen", justify="right")
    result.add_column("richtige Antwort", justify="right")
    for language, (count, accuracy) in evaluation.by_language.items():
        result.add_row(language, str(count), f"{accuracy:.0%}")
    total = sum(count for count, _ in evaluation.by_language.values())
    result.add_row("alle", str(total), f"{evaluation.accuracy:.0%}", style="bold")
    for expected, chosen, count in evaluation.confusions[:10]:
        result.add_row(f"{expected} → {chosen}", str(count), "", style="red")
    return result


def answers_html(evaluation: AnswerEvaluation) -> str:
    """The answer-level part of the HTML report."""
    languages = "".join(
        f'<tr><td>{html.escape(language)}</td><td class="n">{count}</td>'
        f'<td class="n">{accuracy:.0%}</td></tr>'
        for language, (count, accuracy) in evaluation.by_language.items()
    )
    wrong = "".join(
        f"<tr><td>{html.escape(item.text)}</td><td>{html.escape(item.expected)}</td>"
        f"<td>{html.escape(item.chosen)}</td></tr>"
        for item in evaluation.wrong
    )
    return f"""<h2>Richtige Antwort</h2>
<p class="note">Zu jeder Antwort der Wissensbasis gibt es eigene Testfragen (tests/nlu/answers/).
Gezählt wird, wie oft der Bot genau die erwartete Antwort gibt.
Richtige Antwort insgesamt: <b>{evaluation.accuracy:.0%}</b> ·
Makro-F1 der Themen: <b>{evaluation.topic_f1:.3f}</b> · Auswahl zwischen zwei Antworten angeboten:
{evaluation.unsure}×.</p>
<table><tr><th>Sprache</th><th>Testfragen</th><th>richtige Antwort</th></tr>{languages}</table>
<h3>Falsche Antwort ({len(evaluation.wrong)})</h3>
<table><tr><th>Frage</th><th>richtig wäre</th><th>gegeben</th></tr>{wrong}</table>
"""
