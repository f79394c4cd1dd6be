"""The input checks that run before NLU: what residents see for bad input depends on them."""

from __future__ import annotations

import pytest

from bot.nlu.input_check import MAX_MESSAGE_CHARS, check_message


@pytest.mark.parametrize(
    ("message", "problem"),
    [
        ("", "empty"),
        (None, "empty"),
        (" \n\t ", "empty"),
        ("\x00\x07\x1b", "empty"),
        ("x" * (MAX_MESSAGE_CHARS + 1), "too_long"),
        ("😀🎉👍", "no_words"),
        ("?!…", "no_words"),
        ("<script>alert(1)</script>", "markup"),
        ("<img src=x onerror=alert(1)>", "markup"),
        ("Γεια σας, πού είναι το σχολείο;", "foreign_language"),
        ("שלום, איפה בית הספר?", "foreign_language"),
        ("你好，学校在哪里？", "foreign_language"),
    ],
)
def test_each_kind_of_bad_input_is_named(message: str | None, problem: str) -> None:
    assert check_message(message).problem == problem


@pytest.mark.parametrize(
    ("message", "cleaned"),
    [
        ("Was ist HSU?", "Was ist HSU?"),
        ("<b>Was ist HSU?</b>", "Was ist HSU?"),
        ("Was\x00 ist\x1b   HSU?", "Was ist HSU?"),
        ("Hallo 👋 was ist der Integrationsrat?", "Hallo 👋 was ist der Integrationsrat?"),
        ("x" * MAX_MESSAGE_CHARS, "x" * MAX_MESSAGE_CHARS),
        ("2025", "2025"),
    ],
)
def test_good_input_passes_cleaned(message: str, cleaned: str) -> None:
    check = check_message(message)
    assert check.problem is None and check.text == cleaned


def test_a_detected_foreign_latin_language_is_named_but_the_bots_languages_pass() -> None:
    detect = {
        "Bonjour, où est l'école de mon enfant": "fr",
        "Merhaba çocuğum için ders var mı": "tr",
        "Partner cities listed somewhere here": "en",
    }.get
    assert check_message("Bonjour, où est l'école de mon enfant", detect).problem == "foreign_language"
    assert check_message("Merhaba çocuğum için ders var mı", detect).problem is None
    assert check_message("Partner cities listed somewhere here", detect).problem is None


@pytest.mark.parametrize(
    "message", ["Здравствуйте, где школа?", "Добрий день, де школа?", "مرحبا، أين المدرسة؟"]
)
def test_messages_in_the_scripts_of_the_bots_languages_pass(message: str) -> None:
    assert check_message(message).problem is None


def test_short_messages_are_not_language_checked() -> None:
    assert check_message("Und auf Arabisch?", lambda text: "tr").problem is None


def test_german_and_english_questions_with_common_words_are_never_language_checked() -> None:
    def always_romanian(text: str) -> str:
        return "ro"

    for question in (
        "are you a real person?",
        "Wie viele Mitglieder hat der Rat?",
        "where can I find it today",
    ):
        assert check_message(question, always_romanian).problem is None


def test_a_message_of_mostly_known_words_is_never_language_checked() -> None:
    def always_spanish(text: str) -> str:
        return "es"

    known = frozenset({"infos", "buero", "partnerstaedte", "dortmund"})
    keywords, spanish = "infos buero partnerstaedte dortmund", "informacion oficina ciudades dortmund"
    assert check_message(keywords, always_spanish, known_words=known).problem is None
    assert check_message(spanish, always_spanish, known_words=known).problem == "foreign_language"
