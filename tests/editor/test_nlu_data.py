"""Assigning residents' questions: to an answer in knowledge/ or an intent in data/nlu/, never a duplicate."""

from __future__ import annotations

import difflib
from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml
from rich.console import Console

from bot.editor import review
from bot.editor.inbox import Group, Item
from bot.editor.nlu_data import AppendError, append_example, clean_example, read_directory
from bot.editor.project import Project
from bot.editor.review_cli import ReviewOptions, choices, decide
from bot.editor.state import ReviewState
from bot.knowledge.loader import read_knowledge

REGISTER = "Ich will meinen Sohn für Türkischunterricht eintragen"


def group_of(text: str, item_id: str = "abc1234567") -> Group:
    """An inbox group with one message."""
    return Group([Item(item_id, datetime.now(timezone.utc), "rest", text, "nlu_fallback", 0.4, ["x"])])


def examples_of(path: Path, intent: str) -> list[str]:
    """The examples of one intent in one file, as Rasa reads them."""
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    block = next(item for item in content["nlu"] if item.get("intent") == intent)
    return [line[2:] for line in block["examples"].splitlines() if line.startswith("- ")]


def entry_examples(project: Project, slug: str) -> list[str]:
    """An answer's examples as the bot loads them."""
    entries = [entry for topic in read_knowledge(project.knowledge) for entry in topic.entries]
    return next(entry.examples for entry in entries if entry.slug == slug)


def test_assign_to_an_answer_adds_one_line_to_its_examples(project: Project, tmp_path: Path) -> None:
    hsu = project.knowledge / "hsu.yml"
    before = hsu.read_text(encoding="utf-8")
    state = ReviewState(tmp_path / "state.json")
    outcome = review.assign(group_of(REGISTER), "hsu_registration", project, state)
    assert outcome.added
    assert "für die Antwort hsu_registration (hsu: Wie melde ich mein Kind zum HSU an?)" in outcome.message
    line = int(outcome.message.rsplit(":", 1)[1])
    assert outcome.message.endswith(f"eingetragen: knowledge/hsu.yml:{line}")
    after = hsu.read_text(encoding="utf-8")
    # Comments, quotes, block texts and blank lines stay: the only change is the new line.
    changes = [d for d in difflib.ndiff(before.splitlines(), after.splitlines()) if d[0] in "+-"]
    assert changes == [f"+       - {REGISTER}"]
    assert after.splitlines()[line - 1] == f"      - {REGISTER}"
    assert entry_examples(project, "hsu_registration")[-1] == REGISTER
    assert state.decisions["abc1234567"] | {"at": ""} == {
        "decision": "assigned",
        "intent": "ask_hsu",
        "entry": "hsu_registration",
        "text": REGISTER,
        "at": "",
    }


def test_other_intents_still_go_to_data_nlu(project: Project, tmp_path: Path) -> None:
    knowledge = {path.name: path.read_text() for path in project.knowledge.glob("*.yml")}
    state = ReviewState(tmp_path / "state.json")
    with pytest.raises(
        AppendError, match="Unbekannte Absicht oder Antwort 'feedback'"
    ):  # the widget's rating
        review.assign(group_of("Die Antwort hat mir gar nichts gebracht"), "feedback", project, state)
    outcome = review.assign(
        group_of("Wann fährt der nächste Bus nach Hörde?"), "out_of_scope", project, state
    )
    assert "außerhalb der Themen (out_of_scope) eingetragen: data/nlu/out_of_scope.yml:" in outcome.message
    assert (
        examples_of(project.nlu / "out_of_scope.yml", "out_of_scope")[-1]
        == "Wann fährt der nächste Bus nach Hörde?"
    )
    assert {path.name: path.read_text() for path in project.knowledge.glob("*.yml")} == knowledge


def test_a_topic_needs_the_choice_of_its_answer(project: Project, tmp_path: Path) -> None:
    with pytest.raises(
        AppendError, match="ask_hsu ist ein Thema mit mehreren Antworten.*hsu_overview, hsu_eligibility"
    ):
        review.assign(group_of(REGISTER), "ask_hsu", project, ReviewState(tmp_path / "s"))
    with pytest.raises(AppendError, match="Unbekannte Absicht oder Antwort 'hsu_parking'"):
        review.assign(group_of(REGISTER), "hsu_parking", project, ReviewState(tmp_path / "s"))


def test_no_duplicate_in_any_answer_or_intent(project: Project, tmp_path: Path) -> None:
    state = ReviewState(tmp_path / "state.json")
    same = review.assign(group_of("Was bedeutet  HSU"), "hsu_overview", project, state)
    assert not same.added
    assert "steht schon als Beispiel für Antwort hsu_overview in knowledge/hsu.yml:" in same.message
    assert entry_examples(project, "hsu_overview").count("Was bedeutet HSU?") == 1
    for other in ("hsu_languages", "out_of_scope"):
        with pytest.raises(
            AppendError, match="steht schon als Beispiel für Antwort hsu_overview in knowledge/hsu"
        ):
            review.assign(group_of("was bedeutet hsu?", "other12345"), other, project, state)
    assert not state.reviewed("other12345")


def test_no_test_question_goes_into_training(project: Project, tmp_path: Path) -> None:
    answers = yaml.safe_load((project.answer_tests / "hsu.yml").read_text(encoding="utf-8"))
    question = answers["hsu_deadline"]["de"][0]
    with pytest.raises(AppendError, match="steht im Testdatensatz \\(tests/nlu/answers/hsu.yml:"):
        review.assign(group_of(question), "hsu_deadline", project, ReviewState(tmp_path / "s"))
    intent_test = read_directory(project.test_nlu)[0]
    with pytest.raises(AppendError, match="Testdatensatz \\(tests/nlu/test_nlu.yml:"):
        review.assign(group_of(intent_test.plain), "out_of_scope", project, ReviewState(tmp_path / "s"))


def test_a_file_the_loader_would_refuse_stays_as_it_was(project: Project, tmp_path: Path) -> None:
    hsu = project.knowledge / "hsu.yml"
    before = hsu.read_text(encoding="utf-8")
    # „für“ and „fuer“ are different words for the duplicate check, the same for the loader.
    with pytest.raises(AppendError, match="Nicht eingetragen, die Datei wäre ungültig"):
        review.assign(
            group_of("Muttersprachunterricht für Kinder in Dortmund"),
            "hsu_eligibility",
            project,
            ReviewState(tmp_path / "s"),
        )
    assert hsu.read_text(encoding="utf-8") == before
    read_knowledge(project.knowledge)


def test_menu_shows_topic_and_question_and_numbers_choose(project: Project, tmp_path: Path) -> None:
    out = Console(record=True, width=200)
    targets = choices(project, out)
    menu = out.export_text()
    number = targets.index("hsu_deadline") + 1
    assert f"{number} hsu: Bis wann muss man sich zum HSU anmelden?" in menu
    assert f"{targets.index('greet') + 1} greet" in menu and "feedback" not in targets
    options = ReviewOptions("sqlite://", 0.7, 0.85, tmp_path / "state.json", project, 90)
    state = ReviewState(options.state)
    message = decide(
        str(number), group_of("Anmeldeschluss fuer den Herkunftssprachenunterricht?"), targets, options, state
    )
    assert message and "Antwort hsu_deadline" in message
    assert (
        entry_examples(project, "hsu_deadline")[-1] == "Anmeldeschluss fuer den Herkunftssprachenunterricht?"
    )
    assert decide(str(len(targets) + 1), group_of("x"), targets, options, state) is None


def test_comments_and_block_style_survive(project: Project) -> None:
    path = project.nlu / "feedback.yml"
    append_example(project.nlu, "feedback", "Die Auskunft war nicht vollständig")
    text = path.read_text(encoding="utf-8")
    assert text.startswith('version: "3.1"\n\n# Ratings of an answer.')
    assert "    examples: |\n" in text
    assert examples_of(path, "feedback")[-1] == "Die Auskunft war nicht vollständig"


def test_intent_without_file_gets_a_new_file(tmp_path: Path) -> None:
    nlu = tmp_path / "nlu"
    nlu.mkdir()
    path, line = append_example(nlu, "ask_parking", "Wo kann ich parken?")
    assert examples_of(path, "ask_parking") == ["Wo kann ich parken?"]
    assert path.read_text().splitlines()[line - 1] == "      - Wo kann ich parken?"


def test_text_cannot_become_an_entity_annotation_or_break_the_line() -> None:
    assert clean_example("Meine Nummer [Telefon](privat)\n bitte") == "Meine Nummer [Telefon] (privat) bitte"
