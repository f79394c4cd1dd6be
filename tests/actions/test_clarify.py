"""Unsure messages: two topic buttons, or an honest 'I don't know'."""

from __future__ import annotations

from bot.actions.clarify import ClarifyTopic
from tests.actions.conftest import make_tracker


def test_two_close_topics_are_offered_as_buttons(run_action) -> None:
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.5},
        {"name": "ask_integration_council", "confidence": 0.42},
        {"name": "ask_international_week", "confidence": 0.38},
        {"name": "ask_hsu", "confidence": 0.1},
    ]
    tracker = make_tracker("Integrationsrat Woche", "nlu_fallback", intent_ranking=ranking)
    texts, messages, _ = run_action(ClarifyTopic(), tracker)
    assert "nicht sicher" in texts[0]
    assert [b["payload"] for b in messages[0]["buttons"]] == [
        "/ask_integration_council",
        "/ask_international_week",
    ]
    assert all(b["title"] for b in messages[0]["buttons"])


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
