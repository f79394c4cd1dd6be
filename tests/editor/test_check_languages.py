"""`check` names the interface texts a language file lacks or fills in otherwise, as errors where residents
would read another language."""

from __future__ import annotations

import pytest

from bot.editor.project import Project
from tests.editor.conftest import copy_project
from tests.editor.test_check import found, line_of, replace, run_check


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, int, list[dict]]:
    """`check --no-rasa` on a copy whose language files lack texts and change a placeholder."""
    project = copy_project(tmp_path_factory.mktemp("languages") / "project")
    languages = project.knowledge / "languages"
    replace(languages / "ar.yml", "  utter_language_chosen: حسنًا، سأجيب من الآن فصاعدًا باللغة العربية.\n", "")
    replace(languages / "tr.yml", "„{topic}“ konusunda bir telefon", "„{konu}“ konusunda bir telefon")
    replace(languages / "uk.yml", "  send: Надіслати\n", "")
    replace(languages / "de-ls.yml", "  utter_goodbye:", "  utter_goodbye_old:")
    return project, *run_check(project, "--no-rasa")


def mine(findings: list[dict], code: str) -> list[dict]:
    """The interface-text findings of one language file."""
    return [f for f in found(findings, "interface_text") if f["file"] == f"knowledge/languages/{code}.yml"]


def test_a_missing_response_is_an_error_at_the_section(checked: tuple[Project, int, list[dict]]) -> None:
    project, code, findings = checked
    [missing] = mine(findings, "ar")
    assert missing["message"] == "Sprache „ar“: 1 Oberflächentext fehlt in responses: utter_language_chosen"
    assert missing["severity"] == "Fehler" and "auf Deutsch" in missing["todo"]
    assert (
        missing["place"]
        == f"knowledge/languages/ar.yml:{line_of(project.knowledge / 'languages' / 'ar.yml', 'responses:')}"
    )
    assert code == 1


def test_a_changed_placeholder_is_an_error_at_the_text(checked: tuple[Project, int, list[dict]]) -> None:
    project, _, findings = checked
    tr = project.knowledge / "languages" / "tr.yml"
    problems = mine(findings, "tr")
    assert {f["message"].removeprefix("Sprache „tr“, responses.utter_gap_phone: ") for f in problems} == {
        "ohne den Platzhalter {topic}",
        "mit dem Platzhalter {konu}, den der deutsche Text nicht hat",
    }
    assert {(f["severity"], f["line"]) for f in problems} == {("Fehler", line_of(tr, "utter_gap_phone:"))}


def test_a_fallback_meant_by_design_is_a_warning(checked: tuple[Project, int, list[dict]]) -> None:
    _, _, findings = checked
    # The widget shows a missing text in English, marked as English.
    [widget] = mine(findings, "uk")
    assert widget["message"] == "Sprache „uk“: 1 Oberflächentext fehlt in widget: send"
    assert widget["severity"] == "Warnung" and "auf Englisch" in widget["todo"]
    # Leichte Sprache falls back to German, which its readers read.
    [easy_read] = mine(findings, "de-ls")
    assert easy_read["message"] == "Sprache „de-ls“: 1 Oberflächentext fehlt in responses: utter_goodbye"
    assert easy_read["severity"] == "Warnung"


def test_the_real_language_files_have_every_interface_text(project: Project) -> None:
    _, findings = run_check(project, "--no-rasa")
    assert found(findings, "interface_text") == []
