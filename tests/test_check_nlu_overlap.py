"""Tests for scripts/check_nlu_overlap.py on small temporary NLU files."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "check_nlu_overlap.py"


def _load_script() -> ModuleType:
    """Import the script as a module (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("check_nlu_overlap", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


overlap = _load_script()


def _write_nlu(path: Path, intents: dict[str, list[str]]) -> None:
    """Write a Rasa 3.x YAML NLU file with the given examples per intent."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ['version: "3.1"', "nlu:"]
    for intent, examples in intents.items():
        lines += [f"  - intent: {intent}", "    examples: |"]
        lines += [f"      - {example}" for example in examples]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path]:
    """Training and test directories with one training file."""
    training, test = tmp_path / "data" / "nlu", tmp_path / "tests" / "nlu"
    _write_nlu(
        training / "hsu.yml",
        {"ask_hsu": ["Welche Sprachen gibt es beim HSU?", "HSU auf [Arabisch](hsu_language)"]},
    )
    _write_nlu(training / "dialogue.yml", {"greet": ["hallo", "..."]})
    return training, test


def test_no_overlap(dirs: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    training, test = dirs
    test_intents = {"ask_hsu": ["Gibt es HSU auf [Polnisch](hsu_language)?"], "greet": ["?"]}
    _write_nlu(test / "test_nlu.yml", test_intents)
    report = overlap.check(training, test)
    assert report.ok
    assert overlap.main(["--training", str(training), "--test", str(test)]) == 0
    assert capsys.readouterr().out.strip() == "ok: 4 training examples, 2 test examples, no overlap"


def test_reports_test_example_found_in_training(
    dirs: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    training, test = dirs
    # Differs only in case, punctuation, whitespace and the entity annotation form.
    _write_nlu(test / "test_nlu.yml", {"ask_hsu": ['hsu auf  [arabisch]{"entity": "hsu_language"}!']})
    report = overlap.check(training, test)
    assert not report.ok
    [(test_example, training_example)] = report.test_in_training
    assert test_example.text == "hsu auf  arabisch!"
    assert training_example.text == "HSU auf Arabisch"
    assert overlap.main(["--training", str(training), "--test", str(test)]) == 1
    assert "hsu auf  arabisch!" in capsys.readouterr().out


def test_reports_training_example_under_two_intents(dirs: tuple[Path, Path]) -> None:
    training, test = dirs
    _write_nlu(training / "dialogue2.yml", {"ask_capabilities": ["Hallo!"]})
    _write_nlu(test / "test_nlu.yml", {"greet": ["guten tag"]})
    report = overlap.check(training, test)
    [group] = report.training_conflicts
    assert {example.intent for example in group} == {"greet", "ask_capabilities"}
    assert any("Hallo!" in line for line in overlap.format_report(report))


def test_example_key_keeps_punctuation_only_text() -> None:
    assert overlap.example_key("Und auf [Arabisch](hsu_language)?") == "undaufarabisch"
    assert overlap.example_key("...") != overlap.example_key("???")


def _write_knowledge(path: Path, intent: str, entries: dict[str, list[str]]) -> None:
    """Write the parts of a knowledge file the check reads: the topic's intent and each entry's examples."""
    path.parent.mkdir(parents=True, exist_ok=True)
    content = {
        "topic": {"slug": path.stem, "intent": intent},
        "entries": [{"slug": slug, "examples": examples} for slug, examples in entries.items()],
    }
    path.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")


def test_knowledge_examples_and_answer_questions_are_compared(
    dirs: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    training, test = dirs
    knowledge = tmp_path / "knowledge"
    examples = {
        "hsu_deadline": ["Bis wann kann ich mein Kind für HSU anmelden?"],
        "hsu_cost": ["Kostet HSU was?"],
    }
    _write_knowledge(knowledge / "hsu.yml", "ask_hsu", examples)
    _write_nlu(test / "test_nlu.yml", {"greet": ["guten tag"]})
    answers = {
        "hsu_deadline": {
            "de": ["Anmeldeschluss HSU?"],
            "en": ["bis wann kann ich mein kind fuer hsu anmelden"],
        }
    }
    (test / "answers").mkdir(parents=True)
    (test / "answers" / "hsu.yml").write_text(yaml.safe_dump(answers), encoding="utf-8")
    assert overlap.check(training, test).ok  # without the knowledge files nothing to compare
    report = overlap.check(training, test, knowledge)
    assert report.training_count == 6 and report.test_count == 3
    assert not report.test_in_training  # „fuer“ is not „für“: a different wording, allowed
    (test / "answers" / "hsu.yml").write_text(
        yaml.safe_dump({"hsu_cost": {"de": ["kostet hsu was"]}}), encoding="utf-8"
    )
    [(question, example)] = overlap.check(training, test, knowledge).test_in_training
    assert (question.entry, example.entry, example.intent) == ("hsu_cost", "hsu_cost", "ask_hsu")
    # The same example under two answers of a topic, and under an answer and an intent.
    examples["hsu_cost"].append("Bis wann kann ich mein Kind für HSU anmelden")
    _write_knowledge(knowledge / "hsu.yml", "ask_hsu", examples)
    _write_nlu(training / "dialogue2.yml", {"out_of_scope": ["Kostet HSU was"]})
    arguments = ["--training", str(training), "--test", str(test), "--knowledge", str(knowledge)]
    assert overlap.main(arguments) == 1
    output = capsys.readouterr().out
    assert "ask_hsu/hsu_deadline in " in output and "ask_hsu/hsu_cost in " in output
    assert "out_of_scope in " in output and "test example also in training data: 'kostet hsu was'" in output
