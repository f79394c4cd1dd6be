"""Every language of knowledge/languages/ has every interface text German has, with the same placeholders."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.actions.texts import interface_text
from bot.editor.check_entries import builtin_languages, german_interface_texts
from bot.knowledge.translation_rules import MISSING, dates, interface_problems
from bot.language import DEFAULT_LANGUAGE, languages

ROOT = Path(__file__).resolve().parents[2]
RESPONSES = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"]
GERMAN = german_interface_texts(RESPONSES)
TRANSLATED = [code for code in languages() if code not in builtin_languages(RESPONSES)]


def test_german_and_english_are_built_in_and_the_others_are_files() -> None:
    assert builtin_languages(RESPONSES) == {"de", "en"}
    assert {"de-ls", "tr", "ar", "uk", "ru", "pl"} <= set(TRANSLATED)


def test_the_german_texts_are_every_response_telegram_guard_and_widget_text() -> None:
    assert set(GERMAN["responses"]) == set(RESPONSES)
    assert GERMAN["responses"]["utter_gap_phone"] == {"{topic}", "{official_url}"}
    assert GERMAN["responses"]["utter_language_chosen"] == set()
    # Filled in by the gateway: the German text has the values, a translation the names.
    assert GERMAN["telegram"]["WELCOME"] == {"{RETENTION_DAYS}", "{PRIVACY_URL}"}
    assert GERMAN["telegram"]["UNAVAILABLE"] == {"{CITY_CONTACT_URL}"}
    assert {"NEW_CONVERSATION", "BUTTON_EXPIRED"} <= set(GERMAN["telegram"])
    assert set(GERMAN["guard"]) >= {"SLOW_DOWN", "FAULT", "TOO_LARGE"}
    assert GERMAN["widget"]["privacyText"] == {"{days}"} and GERMAN["widget"]["send"] == set()


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_language_has_every_interface_text_with_its_placeholders(code: str) -> None:
    assert list(interface_problems(GERMAN, languages()[code].texts)) == []


@pytest.mark.parametrize("code", [code for code in languages() if code != DEFAULT_LANGUAGE])
def test_a_resident_who_chooses_a_language_is_answered_in_it(code: str) -> None:
    german = interface_text({}, "utter_language_chosen", DEFAULT_LANGUAGE)
    assert interface_text({}, "utter_language_chosen", code) not in ("", german)


@pytest.mark.parametrize("code", [code for code, language in languages().items() if language.detect])
def test_every_recognised_language_names_the_twelve_months_for_the_date_check(code: str) -> None:
    june = languages()[code].months[5][0]
    assert len(languages()[code].months) == 12
    assert dates(f"13 {june} 2024") == dates("13.06.2024") == {(13, 6, 2024)}


def test_a_missing_text_and_a_changed_placeholder_are_named() -> None:
    german = {"responses": {"utter_goodbye": set(), "utter_gap_phone": {"{topic}", "{official_url}"}}}
    texts = {"responses": {"utter_gap_phone": "Kein Telefon zu {thema}: {official_url}"}}
    assert list(interface_problems(german, texts)) == [
        ("responses", "utter_goodbye", MISSING),
        ("responses", "utter_gap_phone", "ohne den Platzhalter {topic}"),
        ("responses", "utter_gap_phone", "mit dem Platzhalter {thema}, den der deutsche Text nicht hat"),
    ]
