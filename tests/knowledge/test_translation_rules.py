"""Every translation keeps the German text's numbers and dates; Leichte Sprache keeps its sentences short."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.knowledge.loader import read_knowledge
from bot.knowledge.translation_rules import easy_read_problems, number_problems, numbers, sentence_lengths
from bot.language import EASY_READ, languages

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"
TRANSLATED = [
    (entry, language, translation)
    for topic_file in read_knowledge(KNOWLEDGE)
    for entry in topic_file.entries
    for language, translation in entry.translations.items()
]


def test_dates_and_amounts_count_however_they_are_written() -> None:
    assert numbers("am 13.06.2013 um 21 Uhr, 2.000 Euro") == numbers("on 13 June 2013 at 21:00, 2,000 euros")
    assert numbers("Stand 01.02.2023") == {"1", "2023"}


def test_a_changed_or_added_number_is_named() -> None:
    assert list(number_problems("bis 15.03.2025, 18 Sprachen", "до 15.03.2025, 17 языков")) == [
        "ohne die Zahlen 18",
        "mit Zahlen, die im deutschen Text fehlen: 17",
    ]


def test_a_long_sentence_is_too_long_for_leichte_sprache() -> None:
    long_sentence = (
        "Der herkunftssprachliche Unterricht wird vom Land " + "und auch von der Stadt " * 3 + "bezahlt."
    )
    assert sentence_lengths("Das ist kurz.\nDas auch.") == [3, 2]
    assert list(easy_read_problems(long_sentence))
    assert not list(easy_read_problems("Das ist kurz.\nDas auch."))


def test_every_language_has_a_text_for_every_answer() -> None:
    entries = {entry.slug for entry, _, _ in TRANSLATED}
    for code in languages():
        if code != "de":
            assert {entry.slug for entry, language, _ in TRANSLATED if language == code} == entries, code


@pytest.mark.parametrize("code", [code for code in languages() if code != "de"])
def test_every_translation_keeps_the_numbers_and_dates(code: str) -> None:
    wrong = {
        entry.slug: [
            *number_problems(entry.answer, translation.answer),
            *number_problems(entry.uncertain, translation.uncertain),
        ]
        for entry, language, translation in TRANSLATED
        if language == code
    }
    assert {slug: problems for slug, problems in wrong.items() if problems} == {}


def test_every_leichte_sprache_answer_has_short_sentences() -> None:
    answers = {
        entry.slug: translation.answer for entry, language, translation in TRANSLATED if language == EASY_READ
    }
    assert len(answers) == len({entry.slug for entry, _, _ in TRANSLATED})
    assert {
        slug: list(easy_read_problems(text))
        for slug, text in answers.items()
        if list(easy_read_problems(text))
    } == {}
