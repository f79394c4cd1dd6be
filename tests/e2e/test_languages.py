"""End to end over REST: each resident is answered in their language, and Leichte Sprache stays on."""

from __future__ import annotations

import pytest

from bot.language import languages
from tests.e2e.test_rest import new_sender
from tests.stack import Stack

pytestmark = pytest.mark.e2e


def source_label(code: str) -> str:
    """How an answer in the language names its source ("Kaynak:" …), from the language's file."""
    return languages()[code].texts["responses"]["utter_answer_source"].split("{")[0].strip()


def test_a_turkish_conversation_with_a_follow_up_stays_turkish(stack: Stack) -> None:
    sender = new_sender()
    first = stack.texts("Leeds ne zamandan beri Dortmund'un kardeş şehri?", sender)
    assert "1969" in first and source_label("tr") in first and "Quelle" not in first
    follow_up = stack.texts("Peki Novi Sad?", sender)
    assert "1982" in follow_up and source_label("tr") in follow_up and "Quelle" not in follow_up


def test_a_short_question_after_an_arabic_one_stays_arabic(stack: Stack) -> None:
    sender = new_sender()
    first = stack.texts("كيف أسجل ابني في دروس اللغة الأم HSU؟", sender)
    assert source_label("ar") in first and "Quelle" not in first
    short = stack.texts("HSU?", sender)
    assert source_label("ar") in short and "Quelle" not in short


def test_leichte_sprache_is_switched_on_stays_on_and_is_switched_off(stack: Stack) -> None:
    sender = new_sender()  # five messages: a resident's burst the rate limit allows
    stack.texts("Leichte Sprache bitte", sender)
    easy = stack.texts("Was ist der herkunftssprachliche Unterricht?", sender)
    assert "Herkunfts-Sprache" in easy and "freiwilliges Angebot" not in easy
    # A German question a while later is still answered in Leichte Sprache.
    assert "Datum:" in stack.texts("Bis wann muss ich mein Kind zum HSU anmelden?", sender)
    stack.texts("Bitte wieder normale Sprache", sender)
    assert "freiwilliges Angebot" in stack.texts("Was ist HSU?", sender)


def test_the_language_menu_switches_the_language_and_the_original_stays_one_click_away(stack: Stack) -> None:
    sender = new_sender()
    stack.texts('/choose_language{"language": "pl"}', sender, payload=True)
    replies = stack.send("Kiedy są wybory do Integrationsrat?", sender)
    assert source_label("pl") in replies[0]["text"]
    original = replies[0]["buttons"][0]["payload"]
    german = stack.texts(original, sender, payload=True)
    assert "Quelle: " in german
    assert source_label("pl") in stack.texts("Kto może głosować?", sender)
