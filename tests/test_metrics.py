"""bot.metrics: what an operator reads at /metrics after residents' messages (Rasa env, no services)."""

from __future__ import annotations

from typing import Any

import pytest

from bot.guard import texts
from tests.rasa_env import run_in_rasa_env


@pytest.fixture(scope="module")
def served() -> dict[str, Any]:
    """Replies and /metrics after turns through the Agent as bot.rasa_server installs it."""
    return run_in_rasa_env("metrics")


def test_metrics_count_turns_per_channel_their_duration_and_fallbacks(served: dict[str, Any]) -> None:
    lines = set(served["metrics"].splitlines())
    assert 'dortmund_bot_turns_total{channel="rest"} 2.0' in lines
    assert 'dortmund_bot_turns_total{channel="socketio"} 1.0' in lines
    assert "dortmund_bot_turn_seconds_count 3.0" in lines
    assert 'dortmund_bot_turn_seconds_bucket{le="0.05"} 3.0' in lines  # the stand-in answers at once
    assert "dortmund_bot_fallbacks_total 1.0" in lines


def test_a_failed_turn_gets_the_fault_message_and_is_counted_as_an_error(served: dict[str, Any]) -> None:
    assert [message["text"] for message in served["failed_turn_reply"]] == [texts.pick(texts.FAULT, "de")]
    assert "dortmund_bot_errors_total 1.0" in served["metrics"].splitlines()


def test_a_down_action_server_gets_the_fault_message_and_counts_as_an_error(served: dict[str, Any]) -> None:
    assert served["action_fault_reply"] == [texts.pick(texts.FAULT, "de")]
    assert "dortmund_bot_errors_total 2.0" in served["metrics_after_action_fault"].splitlines()
