"""`review` on the SQLite tracker store filled by real conversations over the REST channel."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from bot.editor.cli import app
from bot.editor.project import Project
from bot.editor.tracker import read_events
from tests.editor.conftest import project_arguments
from tests.editor.helpers import THUMBS_DOWN, ask, group_with, inbox
from tests.stack import Stack

pytestmark = pytest.mark.e2e

VAGUE = "Wo gibt es das Ding für die Schule?"
PERSONAL = "Meine Mail ist max.mustermann@example.org, Tel. 0231 50-12345 – wann kommt mein Bescheid?"
REDACTED = "Meine Mail ist [E-Mail], Tel. [Telefon] – wann kommt mein Bescheid?"
FOREIGN = "Bonjour, où est-ce que mon enfant peut apprendre sa langue maternelle?"


@pytest.fixture(scope="module")
def conversations(stack: Stack) -> dict[str, str]:
    """Residents' conversations: vague, rated down, with personal data, foreign and pure bad input."""
    answers = {}
    answers["hsu"] = ask(stack, "Wie melde ich mein Kind zum HSU an?", THUMBS_DOWN)
    answers["hsu2"] = ask(stack, "Wie melde ich mein Kind zum HSU an, bitte?", THUMBS_DOWN)
    for text in ("😀🎉👍", "", "<b></b>"):
        ask(stack, text)
    answers["foreign"] = ask(stack, FOREIGN)
    answers["personal"] = ask(stack, PERSONAL, THUMBS_DOWN)
    answers["vague"] = ask(stack, VAGUE)
    return answers


def test_inbox_shows_what_the_bot_did_not_understand(
    stack: Stack, conversations: dict[str, str], tmp_path: Path
) -> None:
    groups = inbox(stack.settings.tracker_store_url, str(tmp_path / "state.json"))
    vague = group_with(groups, VAGUE)
    assert "nicht verstanden" in vague["reasons"] or "unsicher" in vague["reasons"]
    assert vague["guess"] not in (None, "nlu_fallback") and 0 < vague["confidence"] < 0.7
    assert group_with(groups, FOREIGN)["reasons"] == ["andere Sprache"]
    texts = [g["text"] for g in groups] + [v for g in groups for v in g["variants"]]
    assert not [text for text in texts if text.strip() in ("", "😀🎉👍", "<b></b>")]


def test_thumbs_down_shows_the_question_with_the_answer_and_groups_similar_wordings(
    stack: Stack, conversations: dict[str, str], tmp_path: Path
) -> None:
    groups = inbox(stack.settings.tracker_store_url, str(tmp_path / "state.json"))
    hsu = group_with(groups, "Wie melde ich mein Kind zum HSU an")
    assert hsu["count"] == 2 and "👎 bewertet" in hsu["reasons"]
    assert hsu["text"] == "Wie melde ich mein Kind zum HSU an, bitte?"  # the newest wording first
    assert hsu["variants"] == ["Wie melde ich mein Kind zum HSU an?"]
    assert hsu["answer"].split("\n")[0] in conversations["hsu2"] and "Quelle:" in hsu["answer"]
    assert hsu["guess"] == "ask_hsu" and hsu["channels"] == ["rest"]


def test_newest_first_and_no_personal_data(
    stack: Stack, conversations: dict[str, str], tmp_path: Path
) -> None:
    groups = inbox(stack.settings.tracker_store_url, str(tmp_path / "state.json"))
    ours = [group_with(groups, text)["id"] for text in (VAGUE, "Meine Mail", FOREIGN, "HSU an, bitte")]
    positions = [next(i for i, g in enumerate(groups) if g["id"] == group_id) for group_id in ours]
    assert positions == sorted(positions)
    assert group_with(groups, "Meine Mail")["text"] == REDACTED
    dumped = json.dumps(groups, ensure_ascii=False)
    assert "max.mustermann" not in dumped and "50-12345" not in dumped
    assert "sender" not in dumped
    # Redacted before it was stored: the tracker store itself holds no e-mail address or phone number.
    stored = [
        (event.data.get("text"), event.data["parse_data"].get("text"))
        for event in read_events(stack.settings.tracker_store_url)
        if event.type_name == "user" and (event.data.get("text") or "").startswith("Meine Mail")
    ]
    assert stored and set(stored) == {(REDACTED, REDACTED)}


def test_interactive_review_assigns_ignores_and_remembers(
    stack: Stack, project: Project, tmp_path: Path
) -> None:
    older = "Kann ich meinen Wohnwagen am Phoenixsee abstellen? Mein Name ist Max Mustermann"
    newer = "Wo kann ich hier im Stadtteil Sperrmüll loswerden, Tel 0176 1234567"
    ask(stack, older, THUMBS_DOWN)
    ask(stack, newer, THUMBS_DOWN)
    state = tmp_path / "state.json"
    arguments = ["review", "--tracker-store", stack.settings.tracker_store_url, "--state", str(state)]
    arguments += project_arguments(project)
    result = CliRunner().invoke(app, arguments, input="zz\ni\no\nq\n", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Sperrmüll loswerden, Tel [Telefon]" in result.output and "1234567" not in result.output
    assert "Bitte eine Nummer aus der Liste" in result.output
    assert "hsu: Was ist HSU?" in result.output and "Andere Absichten" in result.output  # the menu
    assert "ignoriert" in result.output
    assert "als Beispiel für außerhalb der Themen (out_of_scope) eingetragen: data/nlu/out_of_scope.yml:" in (
        result.output
    )
    content = yaml.safe_load((project.nlu / "out_of_scope.yml").read_text(encoding="utf-8"))
    examples = [item["examples"] for item in content["nlu"] if item["intent"] == "out_of_scope"][0]
    assert "- Kann ich meinen Wohnwagen am Phoenixsee abstellen? Mein Name ist [Name]\n" in examples
    assert "Mustermann" not in (project.nlu / "out_of_scope.yml").read_text(encoding="utf-8")
    decisions = json.loads(state.read_text())["decisions"]
    assert {d["decision"] for d in decisions.values()} == {"ignored", "assigned"}
    remaining = inbox(stack.settings.tracker_store_url, str(state))
    assert not [g for g in remaining if "Wohnwagen" in g["text"] or "Sperrmüll" in g["text"]]
