"""Follow-up questions keep the topic of the conversation."""

from __future__ import annotations

import yaml

from bot.actions.followup import AnswerFollowup, topic_actions
from tests.actions.conftest import ROOT, make_tracker


def test_members_of_the_integration_council(run_action) -> None:
    tracker = make_tracker("Wie viele Mitglieder hat er?", "followup", slots={"topic": "integration_council"})
    texts, _, events = run_action(AnswerFollowup(), tracker)
    assert "27" in texts[0]
    assert events[0]["value"] == "integration_council"


def test_deadline_after_the_huckarde_programme(run_action) -> None:
    texts, _, _ = run_action(
        AnswerFollowup(), make_tracker("Und bis wann?", "followup", slots={"topic": "huckarde"})
    )
    assert "2025" in texts[0]


def test_a_language_switches_to_hsu_even_without_a_topic(run_action) -> None:
    tracker = make_tracker("Und auf Polnisch?", "followup", [{"hsu_language": "Polnisch"}])
    texts, _, _ = run_action(AnswerFollowup(), tracker)
    assert "Ja, Polnisch" in texts[0]


def test_without_a_topic_the_bot_asks_which_one(run_action) -> None:
    texts, messages, events = run_action(AnswerFollowup(), make_tracker("Und bis wann?", "followup"))
    assert "Thema" in texts[0] and "Quelle" not in texts[0]
    assert events == []


def test_every_topic_action_in_the_domain_exists() -> None:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    answer_actions = {
        a for a in domain["actions"] if a.startswith("action_answer_") and a != "action_answer_followup"
    }
    assert {action().name() for action in topic_actions().values()} == answer_actions
