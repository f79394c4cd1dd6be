"""Every topic action answers from the knowledge base with a source, and says so when it is unreachable."""

from __future__ import annotations

import pytest

from bot.actions.followup import topic_actions
from tests.actions.conftest import make_tracker


@pytest.mark.parametrize("topic", sorted(topic_actions()))
def test_each_topic_answers_with_its_source(run_action, topic: str) -> None:
    action = topic_actions()[topic]()
    texts, _, events = run_action(action, make_tracker("Erzähl mir davon", f"ask_{topic}"))
    assert "Quelle: http" in texts[0] and "(Stand: " in texts[0]
    assert events[0]["value"] == topic


def test_an_unreachable_knowledge_base_gets_a_clear_answer(run_action, monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'missing' / 'kb.db'}")
    action = topic_actions()["hsu"]()
    texts, _, events = run_action(action, make_tracker("Was ist HSU?", "ask_hsu"))
    assert "nicht erreichbar" in texts[0]
    assert events == []
