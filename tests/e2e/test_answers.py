"""End to end over REST: the right answer, follow-ups naming a new thing, the resident's language."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
import yaml

from bot.actions.choice import UNSURE_BELOW, UNSURE_SECOND
from bot.knowledge.loader import read_knowledge
from bot.knowledge.schema import TopicFile
from bot.settings import ROOT
from tests.e2e.test_rest import new_sender
from tests.stack import Stack

pytestmark = pytest.mark.e2e

KNOWLEDGE = ROOT / "knowledge"
ANSWER_TESTS = ROOT / "tests" / "nlu" / "answers"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Wer hat bei der Integrationsratswahl 2020 gewonnen?", "2020"),
        ("Welches Stadion war der EM-Spielort in Dortmund?", "BVB Stadion Dortmund"),
        ("Wer hat den iCapital-Preis vor Dortmund bekommen?", "Leuven"),
    ],
)
def test_a_detail_question_gets_the_detail_not_the_overview(
    stack: Stack, question: str, expected: str
) -> None:
    reply = stack.texts(question, new_sender())
    assert expected in reply and "Quelle: " in reply


def test_a_follow_up_naming_another_partner_city_gets_that_city(stack: Stack) -> None:
    sender = new_sender()
    assert "1969" in stack.texts("Seit wann ist Leeds eine Partnerstadt von Dortmund?", sender)
    reply = stack.texts("Und Novi Sad?", sender)
    assert "Novi Sad" in reply and "1982" in reply and "Leeds" not in reply


def test_english_is_answered_in_english_and_kept_until_the_resident_switches(stack: Stack) -> None:
    sender = new_sender()
    first = stack.texts("Who can apply for KOMM-AN money?", sender)
    assert "Source: http" in first and "(as of " in first and "Quelle" not in first
    assert "Source: http" in stack.texts("HSU?", sender)
    german = stack.texts("Wie melde ich mein Kind zum herkunftssprachlichen Unterricht an?", sender)
    assert "Quelle: http" in german and "Source" not in german
    assert "Wiedersehen" in stack.texts("Tschüss", sender)


def test_a_fact_the_knowledge_base_lacks_is_named_with_the_official_page(stack: Stack) -> None:
    reply = stack.texts("Wie ist die Telefonnummer von MigraDO?", new_sender())
    assert "Telefonnummer" in reply and "habe ich nicht" in reply and "https://" in reply


def test_a_newcomer_looking_for_help_is_sent_to_migrado_or_mia_do_ki(stack: Stack) -> None:
    reply = stack.texts(
        "Ich bin neu in Dortmund und brauche Hilfe mit den Ämtern. Wer hilft mir?", new_sender()
    )
    assert ("MigraDO" in reply or "MIA-DO-KI" in reply) and "Quelle: " in reply


def last_parse(stack: Stack, sender: str) -> dict:
    """What Rasa understood of the sender's last message, as the conversation stored it."""
    events = stack.tracker(sender)["events"]
    return [event for event in events if event["event"] == "user"][-1]["parse_data"]


def test_a_button_payload_names_its_answer(stack: Stack) -> None:
    sender = new_sender()
    replies = stack.send("/ask_capabilities", sender, payload=True)  # the widget's help control
    offered = [button["payload"] for message in replies for button in message.get("buttons") or []]
    button = '/ask_hsu{"knowledge_entry": "hsu_overview"}'
    assert button in offered
    reply = stack.texts(button, sender, payload=True)  # pressed: the widget sends a button as a payload
    assert "Herkunftssprachlich" in reply and "Quelle: " in reply
    named = {(e["entity"], e["value"]) for e in last_parse(stack, sender)["entities"]}
    assert ("knowledge_entry", "hsu_overview") in named
    typer = new_sender()
    stack.texts(button, typer)  # the same string typed is text: no intent or entity taken from it
    typed = last_parse(stack, typer)
    assert not typed["text"].startswith("/")
    assert all(entity["entity"] != "knowledge_entry" for entity in typed["entities"])


def held_out_questions() -> Iterator[tuple[str, str]]:
    """The held-out German and English answer test questions, with their language."""
    for path in sorted(ANSWER_TESTS.glob("*.yml")):
        for by_language in yaml.safe_load(path.read_text(encoding="utf-8")).values():
            for language in ("de", "en"):
                yield from ((question, language) for question in by_language.get(language, []))


def unsure_question(stack: Stack, topic_files: list[TopicFile]) -> tuple[str, str, list[str]]:
    """A held-out question whose answer choice the running model leaves unsure (as the answer action judges
    it): the question, its language and its two likeliest entries."""
    topics = {topic_file.topic.intent: topic_file.topic.slug for topic_file in topic_files}
    for question, language in held_out_questions():
        parsed = stack.parse(question)
        if any(entity["entity"] != "language" for entity in parsed["entities"]):
            continue  # a named thing (a city, a language) chooses the answer, not the ranking
        ranking = parsed["answer_ranking"].get(topics.get(parsed["intent"]["name"]), [])
        top, second = (ranking + [{"confidence": 0.0}] * 2)[:2]
        if top["confidence"] < UNSURE_BELOW and second["confidence"] >= UNSURE_SECOND:
            return question, language, [item["entry"] for item in ranking[:2]]
    pytest.fail("the model is sure of every held-out question's answer: nothing to offer a choice for")


def test_an_unsure_choice_offers_two_answers_and_a_press_gets_the_one_chosen(stack: Stack) -> None:
    topic_files = read_knowledge(KNOWLEDGE)
    question, language, likeliest = unsure_question(stack, topic_files)
    sender = new_sender()
    offer = stack.send(question, sender)
    payloads = [button["payload"] for message in offer for button in message.get("buttons") or []]
    named = [json.loads(payload[payload.index("{") :])["knowledge_entry"] for payload in payloads]
    assert named == likeliest, offer  # the two likeliest answers, likeliest first, and no answer yet
    assert "Quelle: " not in offer[0]["text"] and "Source: " not in offer[0]["text"]
    entries = {entry.slug: entry for topic_file in topic_files for entry in topic_file.entries}
    chosen = entries[likeliest[1]]  # the resident presses the second: that answer, in their language
    text = chosen.answer if language == "de" else chosen.translations["en"].answer
    reply = stack.texts(payloads[1], sender, payload=True)
    assert text.splitlines()[0][:40] in reply and ("Quelle: " in reply or "Source: " in reply)
