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


def test_sprache_offers_the_languages_and_a_choice_switches_the_gateways_own_texts(
    api: BotApiStandIn, gateway: GatewayProcess, fake_rasa: FakeRasa, chat_id: int
) -> None:
    api.send_text(chat_id, "/sprache")
    api.wait_for_texts(chat_id, 1)
    rows = api.calls_of("sendMessage", chat_id)[0].params["reply_markup"]["inline_keyboard"]
    assert [row[0]["text"] for row in rows] == ["Deutsch", "Türkçe", "العربية"]
    api.press(chat_id, api.last_sent(chat_id), rows[1][0]["callback_data"])
    api.wait_for_texts(chat_id, 2)
    sender = gateway.sender_for(chat_id)
    assert fake_rasa.payloads_from(sender) == ["/choose_language", '/choose_language{"language": "tr"}']
    fake_rasa.stop()
    try:
        api.send_text(chat_id, "HSU?")  # too short to tell a language: the chosen one stays
        assert api.wait_for_texts(chat_id, 3)[2] == texts.UNAVAILABLE["tr"] != texts.UNAVAILABLE["de"]
    finally:
        fake_rasa.start()


def test_the_telegram_apps_language_is_the_first_guess_for_a_new_chat(
    api: BotApiStandIn, gateway: GatewayProcess, fake_rasa: FakeRasa, chat_id: int
) -> None:
    api.language_codes[chat_id] = "uk"
    api.send_text(chat_id, "/start")
    assert api.wait_for_texts(chat_id, 2)[0] == texts.WELCOME["uk"]
    assert fake_rasa.payloads_from(gateway.sender_for(chat_id)) == ['/choose_language{"language": "uk"}']
