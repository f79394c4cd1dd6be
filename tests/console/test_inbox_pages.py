"""Posteingang: residents' questions shown escaped and redacted; assign, off topic and ignore."""

from __future__ import annotations

import re

from starlette.testclient import TestClient

from bot.console.config import Config
from bot.editor.review import load_inbox
from bot.editor.state import ReviewState

from .conftest import csrf_of

QUESTION = "Wie melde ich mein Kind für Türkischunterricht in der Schule an?"


def _item_id(page: str, text: str) -> str:
    """The id of the inbox card that shows `text`."""
    for card in page.split('<li class="card" id="frage-')[1:]:
        if text in card:
            return card.split('"')[0]
    raise AssertionError(f"{text!r} not in the inbox")


def test_inbox_shows_questions_newest_first_with_guess_and_confidence(editor: TestClient) -> None:
    page = editor.get("/posteingang").text
    questions = re.findall(r'<h2 class="question">„(.*?)“</h2>', page)
    assert len(questions) == 3  # the confident "Was ist HSU?" is not in the inbox
    assert "Sperrmüll" in questions[0] and QUESTION in questions[2]
    assert "ask_hsu (31 %)" in page
    assert "nicht verstanden" in page


def test_script_in_a_resident_message_is_shown_as_text(editor: TestClient) -> None:
    page = editor.get("/posteingang").text
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(" in page


def test_personal_data_is_redacted(editor: TestClient) -> None:
    page = editor.get("/posteingang").text
    assert "Müller" not in page
    assert "[Name]" in page


def test_assign_writes_the_example_once_and_the_item_leaves_the_inbox(
    editor: TestClient, config: Config
) -> None:
    page = editor.get("/posteingang").text
    item = _item_id(page, QUESTION)
    answer = editor.post(
        f"/posteingang/{item}",
        data={"csrf": csrf_of(page), "entscheidung": "zuordnen", "ziel": "hsu_registration"},
    )
    assert answer.status_code == 200
    assert "als Beispiel für die Antwort hsu_registration" in answer.text
    assert QUESTION not in re.findall(r'<h2 class="question">„(.*?)“</h2>', answer.text)
    hsu = (config.project.knowledge / "hsu.yml").read_text(encoding="utf-8")
    assert hsu.count(QUESTION) == 1
    # the same decision from the command line's functions sees it decided, for everyone
    groups = load_inbox(config.tracker_store, 0.7, ReviewState(config.review_state))
    assert QUESTION not in [group.text for group in groups]


def test_assigning_a_question_already_there_changes_nothing(editor: TestClient, config: Config) -> None:
    hsu = config.project.knowledge / "hsu.yml"
    text = hsu.read_text(encoding="utf-8").replace(
        "      - Was bedeutet HSU?\n", f"      - Was bedeutet HSU?\n      - {QUESTION}\n", 1
    )
    hsu.write_text(text, encoding="utf-8")
    page = editor.get("/posteingang").text
    answer = editor.post(
        f"/posteingang/{_item_id(page, QUESTION)}",
        data={"csrf": csrf_of(page), "entscheidung": "zuordnen", "ziel": "hsu_overview"},
    )
    assert "nichts geändert" in answer.text
    assert hsu.read_text(encoding="utf-8").count(QUESTION) == 1


def test_off_topic_and_ignore(editor: TestClient, config: Config) -> None:
    page = editor.get("/posteingang").text
    item = _item_id(page, "Sperrmüll")
    answer = editor.post(f"/posteingang/{item}", data={"csrf": csrf_of(page), "entscheidung": "themenfremd"})
    assert "out_of_scope" in answer.text
    nlu = "".join(path.read_text(encoding="utf-8") for path in config.project.nlu.glob("*.yml"))
    assert "Wann ist Sperrmüll in Huckarde?" in nlu
    page = answer.text
    item = _item_id(page, "Bürgerbüro")
    answer = editor.post(f"/posteingang/{item}", data={"csrf": csrf_of(page), "entscheidung": "ignorieren"})
    assert "ignoriert" in answer.text
    assert "Der Posteingang ist leer." not in answer.text  # one question is left
    assert len(re.findall(r'<h2 class="question">', answer.text)) == 1


def test_decided_item_cannot_be_decided_twice(editor: TestClient) -> None:
    page = editor.get("/posteingang").text
    item = _item_id(page, "Bürgerbüro")
    editor.post(f"/posteingang/{item}", data={"csrf": csrf_of(page), "entscheidung": "ignorieren"})
    again = editor.post(f"/posteingang/{item}", data={"csrf": csrf_of(page), "entscheidung": "ignorieren"})
    assert "nicht mehr im Posteingang" in again.text
