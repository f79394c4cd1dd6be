"""`check` finds each kind of problem in purpose-built bad data and says where and what to do."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from bot.editor import check_rasa
from bot.editor.cli import app
from bot.editor.nlu_data import all_blocks
from bot.editor.project import Project
from tests.editor.conftest import copy_project

OVERDUE = date.today() - timedelta(days=30)
PARKING = f"""# Purpose-built: an overdue answer, two bare-domain sources, few examples, one translation.
topic:
  slug: parking
  intent: ask_parking
  title: Parken in der Innenstadt
  official_url: https://www.dortmund.de/themen/verkehr/parken/

entries:
  - slug: parking_overview
    facet: overview
    question: Wo kann ich in der Innenstadt parken?
    examples:
      - Wo kann ich in der Innenstadt parken?
      - Parkhaus Innenstadt Dortmund
      - parken city dortmund
      - Gibt es Parkplätze am Friedensplatz?
    answer: In der Innenstadt gibt es mehrere Parkhäuser, zum Beispiel am Friedensplatz.
    source_url: https://lokalklick.eu/
    as_of: "2020-05"
    review_by: {OVERDUE.isoformat()}  # the end of the parking trial

  - slug: parking_cost
    facet: cost
    question: Was kostet das Parken?
    examples:
      - Was kostet das Parken in der Innenstadt?
      - Wo kann ich in der Innenstadt billig parken?
      - Parkgebühren Dortmund
      - wie teuer ist parken am rathaus
      - How much is parking in Dortmund city centre?
    answer: Eine Stunde im Parkhaus am Friedensplatz kostet 2 Euro.
    source_url: https://www.dortmund.de/themen/verkehr/parken/parkgebuehren/
    more_sources:
      - https://www.dortmund.de/themen/verkehr/parken/
      - https://www.parkhaus-dortmund.de
    as_of: {date.today().year}
    translations:
      en:
        question: How much is parking?
        answer: One hour in the car park at Friedensplatz costs 2 euros.
"""


def append(path: Path, text: str) -> None:
    """Append text to a file."""
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def replace(path: Path, old: str, new: str) -> None:
    """Replace text in a file (it must be there)."""
    content = path.read_text(encoding="utf-8")
    assert old in content, f"{old!r} not in {path}"
    path.write_text(content.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    """The 1-based number of the last line that contains `text`."""
    return max(number for number, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def make_bad(project: Project) -> None:
    """Put one problem of each kind into the project copy; the knowledge files still load."""
    (project.knowledge / "parking.yml").write_text(PARKING, encoding="utf-8")
    # An answer's example also under an intent, and a held-out answer question among an answer's examples.
    append(project.nlu / "out_of_scope.yml", "      - Was bedeutet HSU?\n")
    answers = yaml.safe_load((project.answer_tests / "migrado.yml").read_text(encoding="utf-8"))
    leaked = answers["migrado_overview"]["de"][1]
    migrado = project.knowledge / "migrado.yml"
    example = yaml.safe_load(migrado.read_text(encoding="utf-8"))["entries"][1]["examples"][0]
    replace(migrado, f"      - {example}\n", f"      - {example}\n      - {leaked}\n")
    # An intent of the domain with too few examples, and a typo in an intent name.
    (project.nlu / "weather.yml").write_text(
        'version: "3.1"\nnlu:\n  - intent: ask_weather\n    examples: |\n      - Wie wird das Wetter?\n'
        "      - Regnet es morgen?\n      - Wetter Dortmund\n"
        "  - intent: greett\n    examples: |\n      - Grüß Gott miteinander\n"
    )
    replace(project.domain, "  - greet\n", "  - greet\n  - ask_weather\n")


def run_check(project: Project, *extra: str) -> tuple[int, list[dict]]:
    """`check --json` on a project copy: exit code and findings."""
    arguments = ["check", "--json", "--data", str(project.data), "--domain", str(project.domain)]
    arguments += ["--config", str(project.config), "--knowledge", str(project.knowledge)]
    arguments += ["--test-data", str(project.test_nlu), *extra]
    result = CliRunner().invoke(app, arguments)
    return result.exit_code, json.loads(result.stdout)


@pytest.fixture(scope="module")
def bad_check(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, int, list[dict]]:
    """`check --json` (with Rasa's validation of the generated files) on the bad project."""
    project = copy_project(tmp_path_factory.mktemp("bad") / "project")
    make_bad(project)
    return project, *run_check(project)


def found(findings: list[dict], kind: str) -> list[dict]:
    """The findings of one kind."""
    return [finding for finding in findings if finding["kind"] == kind]


def test_errors_give_exit_code_1(bad_check: tuple[Project, int, list[dict]]) -> None:
    assert bad_check[1] == 1


def test_overdue_answer_is_listed(bad_check: tuple[Project, int, list[dict]]) -> None:
    project, _, findings = bad_check
    mine = [f for f in found(findings, "overdue") if f["file"] == "knowledge/parking.yml"]
    assert [f["place"] for f in mine] == [
        f"knowledge/parking.yml:{line_of(project.knowledge / 'parking.yml', 'review_by')}"
    ]
    assert f"Antwort parking_overview: überfällig seit {OVERDUE:%d.%m.%Y}" in mine[0]["message"]
    assert mine[0]["severity"] == "Warnung" and "review_by" in mine[0]["todo"]


def test_bare_domain_sources_are_errors(bad_check: tuple[Project, int, list[dict]]) -> None:
    project, _, findings = bad_check
    parking = project.knowledge / "parking.yml"
    bare = found(findings, "bare_domain_source")
    assert [(f["place"], f["severity"]) for f in bare] == [
        (f"knowledge/parking.yml:{line_of(parking, 'https://lokalklick.eu/')}", "Fehler"),
        (f"knowledge/parking.yml:{line_of(parking, 'https://www.parkhaus-dortmund.de')}", "Fehler"),
    ]
    assert "https://lokalklick.eu/ ist nur die Startseite" in bare[0]["message"]


def test_answer_with_too_few_examples(bad_check: tuple[Project, int, list[dict]]) -> None:
    [few] = found(bad_check[2], "too_few_entry_examples")
    first_examples = PARKING.splitlines().index("    examples:") + 1
    assert few["place"] == f"knowledge/parking.yml:{first_examples}"
    assert few["message"] == "Antwort parking_overview hat nur 4 Beispielfragen (mindestens 5 empfohlen)"


def test_example_of_an_answer_and_an_intent(bad_check: tuple[Project, int, list[dict]]) -> None:
    project, _, findings = bad_check
    [duplicate] = found(findings, "duplicate_example")
    assert duplicate["severity"] == "Fehler"
    out_of_scope = project.nlu / "out_of_scope.yml"
    assert duplicate["place"] == f"data/nlu/out_of_scope.yml:{line_of(out_of_scope, 'Was bedeutet HSU?')}"
    hsu_line = line_of(project.knowledge / "hsu.yml", "- Was bedeutet HSU?")
    assert f"Antwort hsu_overview in knowledge/hsu.yml:{hsu_line}" in duplicate["message"]


def test_near_duplicate_across_answers(bad_check: tuple[Project, int, list[dict]]) -> None:
    project, _, findings = bad_check
    near = [f for f in found(findings, "near_duplicate") if f["file"] == "knowledge/parking.yml"]
    assert [f["place"] for f in near] == [
        f"knowledge/parking.yml:{line_of(project.knowledge / 'parking.yml', 'billig parken')}"
    ]
    assert (
        "(Antwort parking_cost) ist fast gleich wie „Wo kann ich in der Innenstadt parken?“"
        in near[0]["message"]
    )
    assert near[0]["severity"] == "Warnung"


def test_answer_test_question_in_training(bad_check: tuple[Project, int, list[dict]]) -> None:
    project, _, findings = bad_check
    answers = project.answer_tests / "migrado.yml"
    leaked = yaml.safe_load(answers.read_text(encoding="utf-8"))["migrado_overview"]["de"][1]
    [leak] = [
        f for f in found(findings, "test_example_in_training") if f["message"].startswith(f"„{leaked}“")
    ]
    assert leak["place"] == f"knowledge/migrado.yml:{line_of(project.knowledge / 'migrado.yml', leaked)}"
    assert leak["severity"] == "Fehler"
    assert (
        f"steht auch im Testdatensatz (tests/nlu/answers/migrado.yml:{line_of(answers, leaked)})"
        in leak["message"]
    )


def test_translations_are_information(bad_check: tuple[Project, int, list[dict]]) -> None:
    notes = [f["message"] for f in found(bad_check[2], "translation") if f["file"] == "knowledge/parking.yml"]
    assert [note for note in notes if "„en“" in note] == [
        "1 Antwort ohne Übersetzung „en“: parking_overview",
        "1 Antwort mit Übersetzung „en“, noch nicht geprüft: parking_cost",
    ]
    # Every language of knowledge/languages/ is listed, also those no answer has yet.
    assert "2 Antworten ohne Übersetzung „tr“: parking_overview, parking_cost" in notes
    assert "2 Antworten ohne Übersetzung „de-ls“: parking_overview, parking_cost" in notes
    assert {f["severity"] for f in found(bad_check[2], "translation")} == {"Hinweis"}


def test_intent_with_too_few_examples(bad_check: tuple[Project, int, list[dict]]) -> None:
    [few] = found(bad_check[2], "too_few_examples")
    assert few["place"] == "data/nlu/weather.yml:3"
    assert "ask_weather hat nur 3 Beispiele (mindestens 10" in few["message"]


def test_rasa_validates_the_generated_files(bad_check: tuple[Project, int, list[dict]]) -> None:
    errors = [f for f in bad_check[2] if f["kind"].startswith("rasa") and f["severity"] == "Fehler"]
    # Topic intents (ask_hsu in the stories, ask_parking only in knowledge/) are known to Rasa: only our two.
    assert sorted(f["kind"] for f in errors) == ["rasa_intent_not_in_domain", "rasa_intent_unused"]
    [typo] = found(errors, "rasa_intent_not_in_domain")
    assert typo["place"] == "data/nlu/weather.yml:8" and "greett " in typo["message"]
    assert "ask_weather" in found(errors, "rasa_intent_unused")[0]["message"]


def test_old_and_undated_sources(bad_check: tuple[Project, int, list[dict]]) -> None:
    project, _, findings = bad_check
    stale = [f for f in found(findings, "stale") if f["file"] == "knowledge/parking.yml"]
    assert [(f["message"], f["line"]) for f in stale] == [
        (
            "Antwort parking_overview: Stand 2020-05 ist älter als 730 Tage",
            PARKING.splitlines().index('    as_of: "2020-05"') + 1,
        )
    ]
    undated = found(findings, "no_date")
    assert undated and all(f["message"].endswith("Quelle ohne Datum – bitte prüfen") for f in undated)


def test_knowledge_entry_without_source_skips_rasa(project: Project) -> None:
    hsu = project.knowledge / "hsu.yml"
    content = hsu.read_text()
    first_source = next(
        line for line in content.splitlines(keepends=True) if line.startswith("    source_url: ")
    )
    hsu.write_text(content.replace(first_source, "", 1))
    code, findings = run_check(project)
    assert code == 1
    [missing] = found(findings, "knowledge_invalid")
    assert missing["place"] == f"knowledge/hsu.yml:{line_of(hsu, 'slug: hsu_overview')}"
    assert (
        missing["message"] == "Antwort 'hsu_overview': Feld 'source_url': fehlt"
        and "Quelle" in missing["todo"]
    )
    [skipped] = found(findings, "rasa_skipped")
    assert skipped["severity"] == "Hinweis" and "Wissensbasis hat Fehler" in skipped["message"]


def test_the_real_project_has_no_errors_apart_from_rasa(project: Project) -> None:
    code, findings = run_check(project, "--no-rasa")
    assert code == 0, findings
    assert not [f for f in findings if f["severity"] == "Fehler"]


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
