"""The interface texts the actions use when Rasa does not send its domain."""

from __future__ import annotations

from typing import Any

from bot.actions.texts import interface_text, responses


def test_the_actions_know_the_trained_domains_responses_in_every_language(domain: dict[str, Any]) -> None:
    assert responses({}) == domain["responses"]
    assert interface_text({}, "utter_greet", "tr") == interface_text(domain, "utter_greet", "tr")
    assert interface_text({}, "utter_greet", "tr") != interface_text({}, "utter_greet", "de")
