"""Unsure between topics: the likeliest answer of each as a button, or an honest 'I don't know'."""

from __future__ import annotations

from bot.actions.clarify import ClarifyTopic
from tests.actions.conftest import make_tracker

RANKING = {
    "integration_council": [{"entry": "integration_council_tasks", "confidence": 0.7}],
    "international_week": [{"entry": "international_week_overview", "confidence": 0.6}],
}


def test_two_close_topics_are_offered_as_answer_buttons(run_action) -> None:
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.5},
        {"name": "ask_integration_council", "confidence": 0.42},
        {"name": "ask_international_week", "confidence": 0.38},
        {"name": "ask_hsu", "confidence": 0.1},
    ]
    tracker = make_tracker(
        "Integrationsrat Woche", "nlu_fallback", intent_ranking=ranking, answer_ranking=RANKING
    )
    texts, messages, _ = run_action(ClarifyTopic(), tracker)
    assert "nicht sicher" in texts[0]
    assert [b["payload"] for b in messages[0]["buttons"]] == [
        '/ask_integration_council{"knowledge_entry": "integration_council_tasks"}',
        '/ask_international_week{"knowledge_entry": "international_week_overview"}',
    ]
    assert all(b["title"].endswith("?") for b in messages[0]["buttons"])


def test_a_vague_message_gets_an_honest_answer_without_buttons(run_action) -> None:
    ranking = [{"name": "ask_hsu", "confidence": 0.3}, {"name": "ask_iga", "confidence": 0.05}]
    texts, messages, _ = run_action(
        ClarifyTopic(), make_tracker("hm", "nlu_fallback", intent_ranking=ranking)
    )
    assert "weiß ich leider nicht" in texts[0]
    assert not messages[0].get("buttons")


def test_an_off_topic_guess_is_not_offered(run_action) -> None:
    ranking = [{"name": "out_of_scope", "confidence": 0.45}, {"name": "ask_hsu", "confidence": 0.4}]
    texts, messages, _ = run_action(
        ClarifyTopic(), make_tracker("xyz", "nlu_fallback", intent_ranking=ranking)
    )
    assert "weiß ich leider nicht" in texts[0] and not messages[0].get("buttons")
