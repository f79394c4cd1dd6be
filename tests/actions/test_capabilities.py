"""'What can you do?' lists every knowledge-base topic."""

from __future__ import annotations

from bot.actions.capabilities import ListCapabilities
from tests.actions.conftest import make_tracker


def test_every_topic_is_listed(run_action) -> None:
    texts, messages, _ = run_action(ListCapabilities(), make_tracker("Was kannst du?", "ask_capabilities"))
    for title in ("Herkunftssprachlicher Unterricht", "Integrationsrat", "iCapital"):
        assert title in texts[0]
    assert texts[0].count("• ") == 13


def test_every_topic_is_a_button_that_asks_about_it(run_action, domain) -> None:
    _, messages, _ = run_action(ListCapabilities(), make_tracker("Was kannst du?", "ask_capabilities"))
    payloads = [button["payload"] for button in messages[0]["buttons"]]
    assert len(payloads) == 13 and "/ask_hsu" in payloads
    assert all(payload[1:] in domain["intents"] for payload in payloads)
