"""'What can you do?' lists every knowledge-base topic, in the resident's language."""

from __future__ import annotations

import json

from bot.actions.capabilities import ListCapabilities
from tests.actions.conftest import make_tracker


def test_every_topic_is_listed(run_action) -> None:
    texts, messages, _ = run_action(ListCapabilities(), make_tracker("Was kannst du?", "ask_capabilities"))
    for title in ("Herkunftssprachlicher Unterricht", "Integrationsrat", "iCapital"):
        assert title in texts[0]
    assert texts[0].count("• ") == 13


def test_every_topic_is_a_button_for_its_overview(run_action, domain) -> None:
    _, messages, _ = run_action(ListCapabilities(), make_tracker("Was kannst du?", "ask_capabilities"))
    payloads = [button["payload"] for button in messages[0]["buttons"]]
    assert len(payloads) == 13 and '/ask_hsu{"knowledge_entry": "hsu_overview"}' in payloads
    for payload in payloads:
        intent, entities = payload[1:].split("{", 1)
        assert intent in domain["intents"] and json.loads("{" + entities)["knowledge_entry"].endswith(
            "_overview"
        )


def test_an_english_conversation_gets_english_titles(run_action) -> None:
    tracker = make_tracker("What can you do?", "ask_capabilities", slots={"language": "en"})
    texts, messages, _ = run_action(ListCapabilities(), tracker)
    assert texts[0].startswith("I answer questions on these topics")
    assert "Heritage language" in " ".join(button["title"] for button in messages[0]["buttons"])
