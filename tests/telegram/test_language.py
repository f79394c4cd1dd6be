"""The gateway's own answers follow the language the resident writes in."""

from __future__ import annotations

from bot.telegram import texts
from tests.telegram.fake_rasa import FakeRasa
from tests.telegram.gateway import GatewayProcess
from tests.telegram.standin import BotApiStandIn


def test_the_gateway_answers_in_english_when_the_resident_writes_english(
    api: BotApiStandIn, gateway: GatewayProcess, fake_rasa: FakeRasa, chat_id: int, other_chat_id: int
) -> None:
    fake_rasa.stop()
    try:
        api.send_text(chat_id, "How many members does the integration council have?")
        api.send_text(other_chat_id, "Wie viele Mitglieder hat der Integrationsrat?")
        assert api.wait_for_texts(chat_id, 1) == [texts.UNAVAILABLE["en"]]
        assert api.wait_for_texts(other_chat_id, 1) == [texts.UNAVAILABLE["de"]]
    finally:
        fake_rasa.start()
    api.send_text(chat_id, "/neu")  # a command says nothing about the language: the chat stays English
    api.send_text(chat_id, "Wann ist die IGA 2027?")  # and back to German
    api.send_text(chat_id, "/neu")
    assert api.wait_for_texts(chat_id, 4)[1:] == [
        texts.NEW_CONVERSATION["en"],
        "Antwort auf: Wann ist die IGA 2027?",
        texts.NEW_CONVERSATION["de"],
    ]
