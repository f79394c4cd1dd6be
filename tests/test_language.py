"""Which language a resident writes in, and the languages as data (knowledge/languages/)."""

from __future__ import annotations

import pytest

from bot.language import (
    ANSWER_LANGUAGES,
    EASY_READ,
    Languages,
    answer_language,
    html_lang,
    in_all_languages,
    languages,
    message_language,
)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Wer darf den Integrationsrat wählen?", "de"),
        ("Who can apply for KOMM-AN money?", "en"),
        ("Cocugum icin HSU kaydi nasil yapilir?", "tr"),
        ("Huckarde'de hangi projeler var?", "tr"),  # a German place name in a Turkish sentence
        ("ما هو HSU في Dortmund؟", "ar"),
        ("Як записати дитину на HSU?", "uk"),
        ("Коли вибори до Integrationsrat?", "uk"),
        ("Как записать ребенка на HSU?", "ru"),
        ("Jak zapisać dziecko na HSU?", "pl"),
        ("gdzie zapisac dziecko na HSU", "pl"),
        # Typed in Latin letters: Arabizi, transliterated Russian and Ukrainian; "ana" alone is Turkish too.
        ("shu ya3ni HSU bel madrase?", "ar"),
        ("kif bsajjel ibni bel HSU", "ar"),
        ("kak zapisat rebenka na HSU", "ru"),
        ("yak zapysaty dytynu na HSU", "uk"),
        ("Ana dili dersi HSU nedir", "tr"),
    ],
)
def test_a_message_is_recognised_in_its_language(text: str, language: str) -> None:
    assert message_language(text) == language


@pytest.mark.parametrize("text", ["HSU?", "Novi Sad?", "2025", "IGA 2027 Huckarde", "shukran"])
def test_short_or_mixed_messages_keep_the_conversations_language(text: str) -> None:
    assert message_language(text) is None


def test_leichte_sprache_is_german_with_its_slot_on() -> None:
    assert answer_language("de", True) == EASY_READ
    assert answer_language("tr", True) == "tr"  # writing Turkish answers in Turkish, Leichte Sprache waits
    assert answer_language("de", False) == "de"
    assert answer_language(None, None) == "de"
    assert answer_language("xx", False) == "de"


def test_the_languages_are_data_in_menu_order() -> None:
    assert ANSWER_LANGUAGES[:3] == ("de", "de-ls", "en")
    assert {"tr", "ar", "uk", "ru", "pl"} <= set(ANSWER_LANGUAGES)
    assert languages()["ar"].direction == "rtl" and languages()["tr"].direction == "ltr"
    assert html_lang(EASY_READ) == "de"  # a screen reader reads Leichte Sprache as German


def test_texts_of_other_languages_come_from_their_files() -> None:
    texts = in_all_languages("guard", "FAULT", {"de": "Störung", "en": "Fault"})
    assert texts["de"] == "Störung" and texts["en"] == "Fault"
    assert set(texts) == set(ANSWER_LANGUAGES)
    assert texts["ar"] == languages()["ar"].texts["guard"]["FAULT"]


def test_a_conversation_keeps_its_language_until_a_clear_message_in_another() -> None:
    known = Languages()
    known.remember_text("chat", "Merhaba, çocuğum için HSU var mı?")
    known.remember_text("chat", "HSU?")
    assert known.of("chat") == "tr"
    known.remember_text("chat", "Wie melde ich mein Kind an?")
    assert known.of("chat") == "de"
