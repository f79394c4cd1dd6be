"""End to end over the REST channel: real questions, follow-ups, bad input and a Rasa restart."""

from __future__ import annotations

import uuid

import httpx
import pytest

from tests.stack import Stack

pytestmark = pytest.mark.e2e


def new_sender() -> str:
    """A fresh conversation id."""
    return f"e2e-{uuid.uuid4().hex[:10]}"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Was ist HSU?", "freiwillig"),
        ("Wie setzt sich der Integrationsrat zusammen?", "27"),
        ("Welche Partnerstädte hat Dortmund?", "Amiens"),
        ("Wie viel Preisgeld gab es für den iCapital Award?", "1 Million"),
        ("Wo ist das MigraDO?", "Friedensplatz 7"),
    ],
)
def test_a_question_gets_the_answer_with_its_source(stack: Stack, question: str, expected: str) -> None:
    reply = stack.texts(question, new_sender())
    assert expected in reply
    assert "Quelle: http" in reply and "Stand:" in reply


def test_follow_up_for_one_hsu_language(stack: Stack) -> None:
    sender = new_sender()
    stack.texts("Ich möchte mein Kind zum herkunftssprachlichen Unterricht anmelden", sender)
    reply = stack.texts("Und auf Arabisch?", sender)
    assert "Arabisch" in reply and "Quelle:" in reply


def test_follow_up_deadline_keeps_the_huckarde_topic(stack: Stack) -> None:
    sender = new_sender()
    stack.texts("Gibt es in Huckarde-Nord Geld für die Hausfassade?", sender)
    reply = stack.texts("Und bis wann?", sender)
    assert "2025" in reply


def test_follow_up_without_a_topic_asks_for_one(stack: Stack) -> None:
    reply = stack.texts("Und bis wann?", new_sender())
    assert "Thema" in reply and "Quelle:" not in reply


@pytest.mark.parametrize(
    "question",
    [
        "Wie wird das Wetter am Wochenende?",
        "Spiel mir ein Lied von Helene Fischer",
        "Wo beantrage ich einen Reisepass?",
    ],
)
def test_off_topic_questions_get_no_dortmund_answer(stack: Stack, question: str) -> None:
    reply = stack.texts(question, new_sender())
    assert reply and "Quelle:" not in reply


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("", "leer"),
        ("   \n\t ", "leer"),
        ("Bitte " + "sehr " * 1200, "2.000 Zeichen"),
        ("😀🎉👍", "Emojis"),
        ("<script>alert('x')</script>", "HTML"),
        ("Was\x00 ist\x07 HSU\x1b?", "freiwillig"),
        # Languages the bot does not have (Russian and Turkish it has: tests/e2e/test_languages.py).
        ("Γεια σας, πού μπορώ να βρω πληροφορίες για το σχολείο;", "Deutsch"),
        ("Bonjour, où est-ce que je peux trouver des cours de langue pour mon enfant?", "Deutsch"),
    ],
)
def test_bad_input_gets_a_clear_answer_and_the_server_stays_up(
    stack: Stack, message: str, expected: str
) -> None:
    sender = new_sender()
    assert expected in stack.texts(message, sender)
    assert "freiwillig" in stack.texts("Was ist HSU?", sender)


def test_a_conversation_survives_a_restart_of_the_rasa_server(stack: Stack) -> None:
    sender = new_sender()
    stack.texts("Was ist der Integrationsrat?", sender)
    stack.restart_rasa()
    assert "27" in stack.texts("Wie viele Mitglieder hat er?", sender)
    user_texts = [e["text"] for e in stack.tracker(sender)["events"] if e["event"] == "user"]
    assert user_texts == ["Was ist der Integrationsrat?", "Wie viele Mitglieder hat er?"]


def test_the_http_api_needs_the_token(stack: Stack) -> None:
    sender = new_sender()
    stack.texts("Hallo", sender)
    url = f"{stack.rasa_url}/conversations/{sender}/tracker"
    assert httpx.get(url, timeout=10).status_code in (401, 403)
    assert httpx.get(url, params={"token": "wrong"}, timeout=10).status_code in (401, 403)
    assert httpx.get(url, params={"token": stack.token}, timeout=10).status_code == 200
