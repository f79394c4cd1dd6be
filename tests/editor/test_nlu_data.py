"""Adding examples to the training data: the right file, Rasa's format kept, never a duplicate."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml

from bot.editor import review
from bot.editor.inbox import Group, Item
from bot.editor.nlu_data import AppendError, append_example, clean_example, read_directory
from bot.editor.project import Project
from bot.editor.state import ReviewState


def group_of(text: str, item_id: str = "abc1234567") -> Group:
    """An inbox group with one message."""
    return Group([Item(item_id, datetime.now(timezone.utc), "rest", text, "nlu_fallback", 0.4, ["x"])])


def examples_of(path: Path, intent: str) -> list[str]:
    """The examples of one intent in one file, as Rasa reads them."""
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    block = next(item for item in content["nlu"] if item.get("intent") == intent)
    return [line[2:] for line in block["examples"].splitlines() if line.startswith("- ")]


def test_assign_appends_to_the_file_of_the_intent_and_keeps_comments(
    project: Project, tmp_path: Path
) -> None:
    feedback = project.nlu / "feedback.yml"
    before = feedback.read_text(encoding="utf-8")
    state = ReviewState(tmp_path / "state.json")
    with pytest.raises(AppendError, match="Unbekannte Absicht 'feedback'"):  # the widget's rating only
        review.assign(group_of("Die Antwort hat mir gar nichts gebracht"), "feedback", project, state)
    outcome = review.assign(
        group_of("Ich will meinen Sohn für Türkischunterricht eintragen"), "ask_hsu", project, state
    )
    assert outcome.added and "data/nlu/hsu.yml:" in outcome.message
    assert feedback.read_text(encoding="utf-8") == before
    hsu = project.nlu / "hsu.yml"
    assert examples_of(hsu, "ask_hsu")[-1] == "Ich will meinen Sohn für Türkischunterricht eintragen"
    line = int(outcome.message.rsplit(":", 1)[1])
    assert hsu.read_text(encoding="utf-8").splitlines()[line - 1] == (
        "      - Ich will meinen Sohn für Türkischunterricht eintragen"
    )
    assert state.reviewed("abc1234567")


def test_comments_and_block_style_survive(project: Project) -> None:
    path = project.nlu / "feedback.yml"
    append_example(project.nlu, "feedback", "Die Auskunft war nicht vollständig")
    text = path.read_text(encoding="utf-8")
    assert text.startswith('version: "3.1"\n\n# Ratings of an answer.')
    assert "    examples: |\n" in text
    assert examples_of(path, "feedback")[-1] == "Die Auskunft war nicht vollständig"


def test_no_duplicate_in_any_training_file(project: Project, tmp_path: Path) -> None:
    state = ReviewState(tmp_path / "state.json")
    same = review.assign(group_of("Was bedeutet  HSU"), "ask_hsu", project, state)
    assert "steht schon als Beispiel für ask_hsu in data/nlu/hsu.yml" in same.message and not same.added
    assert sum(example.key == "wasbedeutethsu" for example in read_directory(project.data)) == 1
    with pytest.raises(AppendError, match="steht schon als Beispiel für ask_hsu in data/nlu/hsu.yml"):
        review.assign(group_of("was bedeutet hsu?", "other12345"), "ask_funding", project, state)
    assert not state.reviewed("other12345")


def test_no_test_question_goes_into_training(project: Project, tmp_path: Path) -> None:
    test_question = read_directory(project.test_nlu)[0]
    with pytest.raises(AppendError, match="Testdatensatz"):
        review.assign(
            group_of(test_question.plain), test_question.intent, project, ReviewState(tmp_path / "s")
        )


def test_unknown_intent_is_refused_with_the_choices(project: Project, tmp_path: Path) -> None:
    with pytest.raises(AppendError, match="Unbekannte Absicht 'ask_parking'.*ask_hsu"):
        review.assign(group_of("Wo kann ich parken?"), "ask_parking", project, ReviewState(tmp_path / "s"))


def test_intent_without_file_gets_a_new_file(tmp_path: Path) -> None:
    nlu = tmp_path / "nlu"
    nlu.mkdir()
    path, line = append_example(nlu, "ask_parking", "Wo kann ich parken?")
    assert examples_of(path, "ask_parking") == ["Wo kann ich parken?"]
    assert path.read_text().splitlines()[line - 1] == "      - Wo kann ich parken?"


def test_text_cannot_become_an_entity_annotation_or_break_the_line() -> None:
    assert clean_example("Meine Nummer [Telefon](privat)\n bitte") == "Meine Nummer [Telefon] (privat) bitte"
