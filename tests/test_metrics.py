"""bot.metrics: what an operator reads at /metrics after residents' messages (Rasa env, no services)."""

from __future__ import annotations

from tests.rasa_env import run_in_rasa_env


def test_metrics_count_turns_per_channel_their_duration_fallbacks_and_errors() -> None:
    exposition = run_in_rasa_env("metrics")
    lines = set(exposition.splitlines())
    assert 'dortmund_bot_turns_total{channel="rest"} 2.0' in lines
    assert 'dortmund_bot_turns_total{channel="socketio"} 1.0' in lines
    assert "dortmund_bot_turn_seconds_count 3.0" in lines
    assert 'dortmund_bot_turn_seconds_bucket{le="0.05"} 3.0' in lines  # the stand-in answers at once
    assert "dortmund_bot_errors_total 1.0" in lines
    assert "dortmund_bot_fallbacks_total 1.0" in lines
