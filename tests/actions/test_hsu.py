"""HSU answers, in general and for one language."""

from __future__ import annotations

from bot.actions.hsu import AnswerHsu
from tests.actions.conftest import make_tracker


def test_general_question_gets_the_overview_with_source_and_date(run_action) -> None:
    texts, _, events = run_action(AnswerHsu(), make_tracker("Was ist HSU?", "ask_hsu"))
    assert "freiwillig" in texts[0]
    assert "Quelle: https://" in texts[0] and "Stand:" in texts[0]
    assert {"event": "slot", "name": "topic", "value": "hsu", "timestamp": None} in events
    assert "aufwachsen und" in texts[0], "a line break inside a sentence is joined for the chat bubble"


def test_a_listed_language_is_confirmed(run_action) -> None:
    tracker = make_tracker("Gibt es HSU auf Arabisch?", "ask_hsu", [{"hsu_language": "Arabisch"}])
    texts, _, _ = run_action(AnswerHsu(), tracker)
    assert "Ja, Arabisch steht auf der Liste" in texts[0]


def test_a_language_written_without_umlauts_is_recognised(run_action) -> None:
    tracker = make_tracker("hsu tuerkisch", "ask_hsu", [{"hsu_language": "tuerkisch"}])
    texts, _, _ = run_action(AnswerHsu(), tracker)
    assert "Ja, Türkisch steht auf der Liste" in texts[0]


def test_a_language_not_on_the_list_is_said_to_be_missing(run_action) -> None:
    tracker = make_tracker("HSU auf Ukrainisch?", "ask_hsu", [{"hsu_language": "ukrainisch"}])
    texts, _, _ = run_action(AnswerHsu(), tracker)
    assert "Ukrainisch" in texts[0] and "Ja, Ukrainisch" not in texts[0]


def test_registration_question_gets_the_registration_entry(run_action) -> None:
    texts, _, _ = run_action(AnswerHsu(), make_tracker("Wie melde ich mein Kind zum HSU an?", "ask_hsu"))
    assert "Anmeld" in texts[0]


def test_uncertain_facts_are_marked(run_action) -> None:
    texts, _, _ = run_action(AnswerHsu(), make_tracker("Welche Sprachen gibt es beim HSU?", "ask_hsu"))
    assert "Nicht gesichert:" in texts[0] and "18." in texts[0]
