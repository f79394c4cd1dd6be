"""bot.graph_runner: the model's graph gives what Rasa's Dask runner gives, each needed node run once."""

from __future__ import annotations

from tests.rasa_env import run_in_rasa_env


def test_runs_the_graph_as_rasas_runner_does() -> None:
    """Same outputs and the same failure; each needed node runs once, a node no target needs never."""
    outcomes = run_in_rasa_env("graph_runner")
    dask, ours = outcomes["dask"], outcomes["sequential"]
    assert [outcome[:2] for outcome in ours] == [outcome[:2] for outcome in dask]
    assert [outcome[2] for outcome in ours] == [outcome[2] for outcome in dask]  # calls, or the error's cause
    joined = ours[0]
    assert joined[1] == {"joined": "hallo tokens left hallo tokens right tracker joined"}
    assert joined[2] == {"tokens": 1, "left": 1, "right": 1, "joined": 1}
    assert ours[3] == ["error", "GraphComponentException", "ValueError"]
