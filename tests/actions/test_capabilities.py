"""'What can you do?' lists every knowledge-base topic."""

from __future__ import annotations

from bot.actions.capabilities import ListCapabilities
from tests.actions.conftest import make_tracker


def test_every_topic_is_listed(run_action) -> None:
    texts, _, _ = run_action(ListCapabilities(), make_tracker("Was kannst du?", "ask_capabilities"))
    for title in ("Herkunftssprachlicher Unterricht", "Integrationsrat", "iCapital"):
        assert title in texts[0]
    assert texts[0].count("• ") == 13
