"""The website channel names each bot message's language (field `lang`) for the widget (Rasa env only)."""

from __future__ import annotations

import json

import pytest

from bot.guard import texts
from tests.rasa_env import run_in_rasa_env

# As custom actions send them (rasa_sdk's dispatcher): metadata {"language": …} or none.
ACTION_MESSAGES = [
    {
        "text": "Cevap.\n\nKaynak: https://www.dortmund.de/hsu",
        "metadata": {"language": "tr"},
        "buttons": [{"title": "Almanca asıl metin", "payload": "/show_original"}],
    },
    {"text": "Ohne Sprache"},
    {"text": "Unbekannte Sprache", "metadata": {"language": "xx"}},
    {"image": "https://www.dortmund.de/bild.png", "metadata": {"language": "uk"}},
]


@pytest.fixture(scope="module")
def sent() -> dict:
    """What reached the socket for the action messages and for a response of the domain."""
    return run_in_rasa_env("socketio_language", json.dumps(ACTION_MESSAGES))


def test_every_part_of_a_message_carries_its_language(sent: dict) -> None:
    """Rasa splits a text into paragraphs and puts buttons on the last one: each part has `lang`."""
    turkish = [emitted["data"] for emitted in sent["actions"][:2]]
    assert [part["text"] for part in turkish] == ["Cevap.", "Kaynak: https://www.dortmund.de/hsu"]
    assert [part["lang"] for part in turkish] == ["tr", "tr"]
    assert turkish[1]["quick_replies"][0]["payload"] == "/show_original"
    image = sent["actions"][4]["data"]
    assert image["attachment"]["payload"]["src"] == "https://www.dortmund.de/bild.png"
    assert image["lang"] == "uk"


def test_no_language_or_an_unknown_one_adds_no_field(sent: dict) -> None:
    """Without metadata, or with a code that is not one of the bot's languages, there is no `lang`."""
    assert [emitted["data"] for emitted in sent["actions"][2:4]] == [
        {"text": "Ohne Sprache"},
        {"text": "Unbekannte Sprache"},
    ]


def test_responses_of_the_domain_carry_their_variants_language(sent: dict) -> None:
    """A response variant's metadata (bot.knowledge.rasa_data marks every one) becomes `lang`."""
    assert [emitted["data"] for emitted in sent["response_ar"]] == [
        {"text": "مرحبا!", "lang": "ar"},
        {"text": "كيف أساعدك؟", "lang": "ar"},
    ]
    assert [emitted["data"] for emitted in sent["response_de"]] == [{"text": "Hallo!", "lang": "de"}]
    assert {emitted["room"] for emitted in sent["actions"]} == {"room-1"}


def test_messages_the_server_starts_go_through_the_same_output(sent: dict) -> None:
    """Reminders and the trigger_intent API use the channel's own output, so they are marked too."""
    assert sent["server_events"] == "bot.channels.socketio"


def test_the_slow_down_warning_names_the_language_it_is_written_in(sent: dict) -> None:
    """The channel's own answer to a flooding sender: in the conversation's language when there is a text in
    it (else German), and `lang` says which."""
    english, ukrainian = (sent["slow_down"][code] for code in ("en", "uk"))
    assert len(english) == len(ukrainian) == 1
    assert english[0]["data"] == {"text": texts.SLOW_DOWN["en"], "lang": "en"}
    lang = ukrainian[0]["data"]["lang"]
    assert lang == ("uk" if "uk" in texts.SLOW_DOWN else "de")
    assert ukrainian[0]["data"]["text"] == texts.SLOW_DOWN[lang]
