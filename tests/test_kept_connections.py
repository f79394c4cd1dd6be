"""bot.kept_connections: calls to the action server reuse one connection and survive its restart."""

from __future__ import annotations

from tests.rasa_env import run_in_rasa_env


def test_calls_to_the_action_server_reuse_their_connection() -> None:
    """Rasa opens a connection per call; kept sessions use one, and a new one after the server restarted."""
    results = run_in_rasa_env("kept_connections")
    assert results["answers"] == [f'{{"call": {n}}}' for n in range(12)]  # every call answered, in order
    assert results["connections"] == [4, 1, 1]
