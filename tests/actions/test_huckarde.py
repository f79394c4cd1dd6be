"""Hof- und Fassadenprogramm Huckarde-Nord answers."""

from __future__ import annotations

from bot.actions.huckarde import AnswerHuckarde
from tests.actions.conftest import make_tracker


def test_deadline_question_says_the_date_has_passed(run_action) -> None:
    texts, _, _ = run_action(
        AnswerHuckarde(), make_tracker("Bis wann kann ich den Antrag stellen?", "ask_huckarde")
    )
    assert "Ende 2025" in texts[0] and "vorbei" in texts[0]


def test_a_district_outside_the_area_is_told_so(run_action) -> None:
    tracker = make_tracker("Fassadenförderung in Hörde?", "ask_huckarde", [{"district": "Hörde"}])
    texts, _, _ = run_action(AnswerHuckarde(), tracker)
    assert "Hörde" in texts[0] and "Huckarde-Nord" in texts[0]


def test_huckarde_nord_gets_the_programme_answer(run_action) -> None:
    tracker = make_tracker("Zuschuss Fassade Huckarde-Nord", "ask_huckarde", [{"district": "Huckarde-Nord"}])
    texts, _, _ = run_action(AnswerHuckarde(), tracker)
    assert "50 %" in texts[0] or "50 Prozent" in texts[0]
