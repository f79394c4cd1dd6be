"""Every translation keeps the German text's numbers and dates; Leichte Sprache keeps its sentences short."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.knowledge.loader import read_knowledge
from bot.knowledge.translation_rules import (
    dates,
    easy_read_problems,
    number_problems,
    numbers,
    sentence_lengths,
)
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
    assert dates("am 13.06.2013 um 21 Uhr") == dates("on 13 June 2013 at 21:00") == {(13, 6, 2013)}
    assert dates("Stand 01.02.2023") == {(1, 2, 2023)} and numbers("Stand 01.02.2023") == set()


# The German "Anmeldung bis 13.06.2024" as residents read it in each language, and with the month wrong.
SAME_DATE = {
    "en": ("Registration by 13 June 2024", "Registration by 13 July 2024"),
    "en-us": ("Registration by June 13, 2024", "Registration by July 13, 2024"),
    "tr": ("13 Haziran 2024'e kadar kayıt", "13 Temmuz 2024'e kadar kayıt"),
    "tr-digits": ("13.06.2024 tarihine kadar kayıt", "13.07.2024 tarihine kadar kayıt"),
    "pl": ("Zapisy do 13 czerwca 2024", "Zapisy do 13 lipca 2024"),
    "ru": ("Запись до 13 июня 2024 года", "Запись до 13 июля 2024 года"),
    "uk": ("Запис до 13 червня 2024 року", "Запис до 13 липня 2024 року"),
    "ar": ("التسجيل حتى 13 يونيو 2024", "التسجيل حتى 13 يوليو 2024"),
    "ar-levant": ("التسجيل حتى 13 حزيران 2024", "التسجيل حتى 13 تموز 2024"),
    "ar-indic": ("التسجيل حتى ١٣/٠٦/٢٠٢٤", "التسجيل حتى ١٣/٠٧/٢٠٢٤"),
    "de-ls": (
        "Sie können sich bis zum 13. Juni 2024 anmelden.",
        "Sie können sich bis zum 13. Juli 2024 anmelden.",
    ),
}


@pytest.mark.parametrize("written", SAME_DATE.values(), ids=SAME_DATE.keys())
def test_a_date_must_keep_day_month_and_year(written: tuple[str, str]) -> None:
    right, wrong_month = written
    assert list(number_problems("Anmeldung bis 13.06.2024", right)) == []
    assert list(number_problems("Anmeldung bis 13.06.2024", wrong_month)) == [
        "ohne das Datum 13.06.2024",
        "mit einem Datum, das im deutschen Text fehlt: 13.07.2024",
    ]


def test_a_date_without_year_must_keep_day_and_month() -> None:
    assert list(number_problems("Spiel am 15.06., 21 Uhr", "Match on 15.06., 21:00")) == []
    assert list(number_problems("Spiel am 15.06., 21 Uhr", "Match on 15.07., 21:00")) == [
        "ohne das Datum 15.06.",
        "mit einem Datum, das im deutschen Text fehlt: 15.07.",
    ]
    assert list(number_problems("Kinder ab 6 dürfen mitmachen", "Children from 6 may take part")) == []
    assert list(number_problems("vom 14. Juni bis 14. Juli", "from 14 June to 14 August")) == [
        "ohne das Datum 14.07.",
        "mit einem Datum, das im deutschen Text fehlt: 14.08.",
    ]


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
