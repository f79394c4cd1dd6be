"""`check` finds each kind of problem in purpose-built bad data and says where and what to do."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.editor import check_rasa
from bot.editor.cli import app
from bot.editor.nlu_data import all_blocks
from bot.editor.project import Project
from tests.editor.conftest import copy_project


def append(path: Path, text: str) -> None:
    """Append text to a file."""
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def replace(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace text in a file (it must be there)."""
    content = path.read_text(encoding="utf-8")
    assert old in content, f"{old!r} not in {path}"
    path.write_text(content.replace(old, new, count), encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    """The 1-based number of the last line that contains `text`."""
    return max(number for number, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def make_bad(project: Project) -> None:
    """Put one problem of each kind into the project copy."""
    # The same example under two intents, a near-duplicate across intents, and a test question in training.
    append(project.nlu / "funding.yml", "      - Was bedeutet HSU?\n")
    append(project.nlu / "iga.yml", "      - Welche Sprachen werden beim HSU angeboten?\n")
    test_question = re.search(
        r"- intent: ask_migrado\n\s+examples: \|\n\s+- (.+)", (project.test_nlu / "test_nlu.yml").read_text()
    )
    assert test_question
    append(project.nlu / "migrado.yml", f"      - {test_question.group(1)}\n")
    # A new intent with too few examples and a rule to a knowledge topic that does not exist, plus a typo.
    (project.nlu / "parking.yml").write_text(
        'version: "3.1"\nnlu:\n  - intent: ask_parking\n    examples: |\n      - Wo kann ich parken?\n'
        "      - Parkhaus am Rathaus\n      - Was kostet das Parken?\n"
        "  - intent: ask_parkin\n    examples: |\n      - Parkplatz Friedensplatz\n"
    )
    replace(project.domain, "  - ask_privacy\n", "  - ask_privacy\n  - ask_parking\n")
    replace(
        project.domain,
        "  - action_answer_privacy\n",
        "  - action_answer_privacy\n  - action_answer_parking\n",
    )
    append(
        project.data / "rules" / "topics.yml",
        "\n  - rule: answer a question on parking\n    steps:\n      - intent: ask_parking\n"
        "      - action: action_answer_parking\n",
    )
    # Knowledge: an entry without source, a stale as-of date, a topic whose intent the domain lacks.
    hsu = project.knowledge / "hsu.yml"
    content = hsu.read_text()
    first_source = re.search(r"\n    source_url: .+", content)
    assert first_source
    hsu.write_text(content.replace(first_source.group(0), "", 1))
    replace(project.knowledge / "migrado.yml", "as_of: 2022-03-01", "as_of: 2015-01-01")
    replace(project.knowledge / "iga.yml", "intent: ask_iga", "intent: ask_gartenschau")


@pytest.fixture(scope="module")
def bad_check(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, int, list[dict]]:
    """`check --json` (with Rasa's validation) on the bad project: exit code and findings."""
    project = copy_project(tmp_path_factory.mktemp("bad") / "project")
    make_bad(project)
    arguments = ["check", "--json", "--data", str(project.data), "--domain", str(project.domain)]
    arguments += ["--config", str(project.config), "--knowledge", str(project.knowledge)]
    arguments += ["--test-data", str(project.test_nlu)]
    result = CliRunner().invoke(app, arguments)
    return project, result.exit_code, json.loads(result.stdout)


def found(findings: list[dict], kind: str) -> list[dict]:
    """The findings of one kind."""
    return [finding for finding in findings if finding["kind"] == kind]


def test_errors_give_exit_code_1(bad_check: tuple[Project, int, list[dict]]) -> None:
    assert bad_check[1] == 1


def test_same_example_under_two_intents(bad_check: tuple[Project, int, list[dict]]) -> None:
    project, _, findings = bad_check
    [duplicate] = found(findings, "duplicate_example")
    assert duplicate["severity"] == "Fehler"
    assert (
        duplicate["place"]
        == f"data/nlu/funding.yml:{line_of(project.nlu / 'funding.yml', 'Was bedeutet HSU?')}"
    )
    assert "ask_hsu in data/nlu/hsu.yml:" in duplicate["message"] and duplicate["todo"]


def test_near_duplicate_across_intents(bad_check: tuple[Project, int, list[dict]]) -> None:
    project, _, findings = bad_check
    [near] = found(findings, "near_duplicate")
    assert near["place"] == f"data/nlu/iga.yml:{line_of(project.nlu / 'iga.yml', 'beim HSU')}"
    assert "Welche Sprachen werden im HSU angeboten?" in near["message"]


def test_test_question_in_training(bad_check: tuple[Project, int, list[dict]]) -> None:
    [leak] = found(bad_check[2], "test_example_in_training")
    assert leak["file"] == "data/nlu/migrado.yml" and "tests/nlu/test_nlu.yml:" in leak["message"]


def test_intent_with_too_few_examples(bad_check: tuple[Project, int, list[dict]]) -> None:
    [few] = found(bad_check[2], "too_few_examples")
    assert few["place"] == "data/nlu/parking.yml:3"
    assert "ask_parking hat nur 3 Beispiele (mindestens 10" in few["message"]


def test_rasa_validation_is_summarised(bad_check: tuple[Project, int, list[dict]]) -> None:
    [typo] = found(bad_check[2], "rasa_intent_not_in_domain")
    assert typo["place"] == "data/nlu/parking.yml:8" and "ask_parkin " in typo["message"]
    assert any(f["kind"] == "rasa_unused_responses" and f["severity"] == "Hinweis" for f in bad_check[2])


def test_knowledge_entry_without_source(bad_check: tuple[Project, int, list[dict]]) -> None:
    [missing] = found(bad_check[2], "knowledge_invalid")
    assert (
        missing["place"]
        == f"knowledge/hsu.yml:{line_of(bad_check[0].knowledge / 'hsu.yml', 'slug: hsu_overview')}"
    )
    assert missing["message"] == "Antwort 'hsu_overview': Feld 'source_url': fehlt"
    assert "Quelle" in missing["todo"]


def test_old_and_undated_sources(bad_check: tuple[Project, int, list[dict]]) -> None:
    project, _, findings = bad_check
    stale = [f for f in found(findings, "stale") if "2015-01-01" in f["message"]]
    assert [f["file"] for f in stale] == ["knowledge/migrado.yml"] * len(stale) and stale
    assert stale[0]["line"] == min(
        n
        for n, line in enumerate((project.knowledge / "migrado.yml").read_text().splitlines(), 1)
        if "2015" in line
    )
    assert all("erlaubt: 730" in f["message"] for f in stale)
    undated = found(findings, "no_date")
    assert undated and all(f["message"].endswith("Quelle ohne Datum – bitte prüfen") for f in undated)


def test_answer_action_without_knowledge_topic(bad_check: tuple[Project, int, list[dict]]) -> None:
    project, _, findings = bad_check
    places = sorted(f["place"] for f in found(findings, "missing_knowledge"))
    assert places == [
        f"data/rules/topics.yml:{line_of(project.data / 'rules' / 'topics.yml', 'action_answer_parking')}",
        f"domain.yml:{line_of(project.domain, 'action_answer_parking')}",
    ]


def test_knowledge_topic_whose_intent_the_domain_lacks(bad_check: tuple[Project, int, list[dict]]) -> None:
    [missing] = found(bad_check[2], "intent_missing")
    iga = bad_check[0].knowledge / "iga.yml"
    assert (
        missing["place"] == f"knowledge/iga.yml:{line_of(iga, 'intent: ask_gartenschau')}"
        and "ask_gartenschau" in missing["message"]
    )
    [mismatch] = found(bad_check[2], "rule_mismatch")
    assert mismatch["file"] == "data/rules/topics.yml" and "ask_iga" in mismatch["message"]


def test_the_real_project_has_no_errors_apart_from_rasa(project: Project) -> None:
    result = CliRunner().invoke(
        app,
        ["check", "--no-rasa", "--json", "--data", str(project.data), "--domain", str(project.domain)]
        + ["--knowledge", str(project.knowledge), "--test-data", str(project.test_nlu)],
    )
    assert result.exit_code == 0, result.stdout
    assert not [f for f in json.loads(result.stdout) if f["severity"] == "Fehler"]


def test_rasa_output_is_translated_not_dumped(project: Project) -> None:
    output = (
        "2026-11-25 01:58:59 INFO     rasa.validator  - Validating intents...\n"
        "\x1b[93m/x/io.py:100: UserWarning: The example 'Was bedeutet HSU?' was found labeled "
        "with multiple different intents in the training data. You should fix that conflict The example is "
        "labeled with: ask_funding, ask_hsu.\n\x1b[0m\x1b[93m/x/io.py:100: UserWarning: The utterance "
        "'utter_default' is not used in any story or rule.\n"
        "\x1b[0m2026-11-25 01:58:59 INFO rasa.validator - x\n"
        "\x1b[91mProject validation completed with errors.\x1b[0m"
    )
    findings = check_rasa.summarise(project, 1, output, all_blocks(project.data))
    assert [(f.kind, f.severity) for f in findings] == [("rasa_unused_responses", "Hinweis")]
    assert "1 Antworttexte stehen in keiner Regel (utter_default)" in findings[0].message
