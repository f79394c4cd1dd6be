"""A translator's file becomes unreviewed translations in knowledge/; approving one is one command."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from bot.editor.cli import app
from bot.knowledge.loader import KnowledgeError, read_knowledge
from tests.editor.conftest import copy_project

DELIVERY = {
    "topics": {"hsu": "Cursuri în limba de origine (HSU)"},
    "entries": {
        "hsu_registration": {
            "question": "Cum îmi înscriu copilul la HSU?",
            "answer": "Copilul se înscrie la HSU cu formularul de pe pagina orașului.",
            "examples": ["cum inscriu copilul la hsu", "formular inscriere HSU"],
        }
    },
    "entities": {"Rumänisch": ["română", "romana"]},
    "responses": {"utter_greet": "Bună! Sunt chatul de informații al orașului Dortmund."},
}


def _write(tmp_path: Path, delivery: dict) -> Path:
    path = tmp_path / "ro.yml"
    path.write_text(yaml.safe_dump(delivery, allow_unicode=True), encoding="utf-8")
    return path


def _entry(knowledge: Path, slug: str) -> dict:
    hsu = yaml.safe_load((knowledge / "hsu.yml").read_text(encoding="utf-8"))
    return next(entry for entry in hsu["entries"] if entry["slug"] == slug)


def test_a_new_language_is_imported_unreviewed_and_approved_with_one_command(tmp_path: Path) -> None:
    from bot.editor.translations import import_language

    project = copy_project(tmp_path / "project")
    languages = tmp_path / "languages"
    languages.mkdir()
    merged = import_language(_write(tmp_path, DELIVERY), "ro", project.knowledge, languages)
    assert merged == 1
    romanian = _entry(project.knowledge, "hsu_registration")["translations"]["ro"]
    assert romanian["reviewed"] is False and romanian["examples"] == [
        "cum inscriu copilul la hsu",
        "formular inscriere HSU",
    ]
    assert "# " in (project.knowledge / "hsu.yml").read_text(encoding="utf-8")[:5]  # comments are kept
    spec = next(t for t in read_knowledge(project.knowledge) if t.topic.slug == "hsu")
    assert "română" in next(e for e in spec.entities if e.value == "Rumänisch").aliases
    assert yaml.safe_load((languages / "ro.yml").read_text())["responses"]["utter_greet"].startswith("Bună")

    result = CliRunner().invoke(
        app, ["translations", "approve", "hsu_registration", "ro", "--knowledge", str(project.knowledge)]
    )
    assert result.exit_code == 0, result.output
    assert _entry(project.knowledge, "hsu_registration")["translations"]["ro"]["reviewed"] is True
    assert _entry(project.knowledge, "hsu_registration")["translations"]["en"]["reviewed"] is False


def test_a_delivery_that_breaks_the_knowledge_base_changes_nothing(tmp_path: Path) -> None:
    from bot.editor.translations import import_language

    project = copy_project(tmp_path / "project")
    before = (project.knowledge / "hsu.yml").read_text(encoding="utf-8")
    broken = {
        "entries": {"hsu_language_covered": {"answer": "HSU există în această limbă (fără substituent)."}}
    }
    with pytest.raises(KnowledgeError):
        import_language(_write(tmp_path, broken), "ro", project.knowledge, tmp_path)
    assert (project.knowledge / "hsu.yml").read_text(encoding="utf-8") == before


def test_approving_a_translation_that_does_not_exist_says_so(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    result = CliRunner().invoke(
        app, ["translations", "approve", "hsu_registration", "ro", "--knowledge", str(project.knowledge)]
    )
    assert result.exit_code == 1 and "keine Übersetzung 'ro'" in result.output
