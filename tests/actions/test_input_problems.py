"""Bad input gets an explanation of what was wrong."""

from __future__ import annotations

import pytest

from bot.actions.input_problems import ExplainInputProblem
from tests.actions.conftest import make_tracker


@pytest.mark.parametrize(
    ("problem", "expected"),
    [
        ("empty", "leer"),
        ("markup", "HTML"),
        ("no_words", "Emojis"),
        ("foreign_language", "Deutsch"),
        (None, "nicht verstanden"),
        ("something_new", "nicht verstanden"),
    ],
)
def test_each_problem_gets_its_explanation(run_action, problem: str | None, expected: str) -> None:
    tracker = make_tracker("…", "unclear_input", input_problem=problem)
    texts, _, _ = run_action(ExplainInputProblem(), tracker)
    assert expected in texts[0]


def test_a_too_long_message_is_told_its_length(run_action) -> None:
    tracker = make_tracker("x" * 2000, "unclear_input", input_problem="too_long", input_length=5321)
    texts, _, _ = run_action(ExplainInputProblem(), tracker)
    assert "5.321 Zeichen" in texts[0] and "2.000" in texts[0]
