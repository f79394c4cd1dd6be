"""A question for a fact the answer lacks (phone, address, hours, fee) is recognised in every language."""

from __future__ import annotations

import pytest

from bot.actions.details import missing_detail

ANSWER_WITHOUT_CONTACT = "MigraDO berät Zugewanderte in der Nordstadt."


@pytest.mark.parametrize(
    ("question", "detail"),
    [
        ("Wie ist die Telefonnummer von MigraDO?", "phone"),
        ("MigraDO telefon numarası nedir?", "phone"),
        ("ما هو رقم هاتف MigraDO؟", "phone"),
        ("Який номер телефону MigraDO?", "phone"),
        ("Jaki jest adres MigraDO?", "address"),
        ("Какие часы работы у MigraDO?", "opening_hours"),
        ("IGA bilet fiyatı ne kadar?", "fee"),
        ("Was macht MigraDO?", None),
        ("MigraDO ne yapıyor?", None),
    ],
)
def test_a_question_for_a_missing_fact_is_recognised(question: str, detail: str | None) -> None:
    assert missing_detail(question, ANSWER_WITHOUT_CONTACT) == detail


def test_a_fact_the_answer_has_is_not_missing() -> None:
    assert missing_detail("MigraDO telefon numarası?", "Telefon: 0231 5012345") is None
