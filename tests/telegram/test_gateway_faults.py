"""The gateway when things go wrong: Rasa down or slow, a flooding chat, Bot API errors and flood control."""

from __future__ import annotations

import time

from bot.telegram import texts
from tests.telegram.fake_rasa import FakeRasa
from tests.telegram.gateway import GatewayProcess
from tests.telegram.standin import BotApiStandIn


def test_rasa_down_gets_a_friendly_answer_and_the_gateway_recovers(
    api: BotApiStandIn, gateway: GatewayProcess, fake_rasa: FakeRasa, chat_id: int
) -> None:
    fake_rasa.stop()
    try:
        api.send_text(chat_id, "Ist jemand da?")
        assert api.wait_for_texts(chat_id, 1) == [texts.UNAVAILABLE["de"]]
        assert "https://www.dortmund.de" in texts.UNAVAILABLE["de"]
    finally:
        fake_rasa.start()
    api.send_text(chat_id, "Jetzt wieder?")
    assert api.wait_for_texts(chat_id, 2)[1] == "Antwort auf: Jetzt wieder?"
    assert gateway.alive()


def test_slow_rasa_gets_a_friendly_answer_after_the_timeout(
    api: BotApiStandIn, gateway: GatewayProcess, fake_rasa: FakeRasa, chat_id: int
) -> None:
    fake_rasa.delay = 4.0  # the gateway under test gives up after RASA_TIMEOUT=2 s
    try:
        sent = time.monotonic()
        api.send_text(chat_id, "Dauert das lange?")
        assert api.wait_for_texts(chat_id, 1) == [texts.UNAVAILABLE["de"]]
        assert time.monotonic() - sent > 1.5  # the gateway waited for Rasa, then gave up (Rasa needs 4 s)
    finally:
        fake_rasa.delay = 0.0
    api.send_text(chat_id, "Und jetzt?")
    assert api.wait_for_texts(chat_id, 2)[1] == "Antwort auf: Und jetzt?"


def test_a_flooding_chat_is_slowed_down_without_delaying_others(
    api: BotApiStandIn, gateway: GatewayProcess, fake_rasa: FakeRasa, chat_id: int, other_chat_id: int
) -> None:
    fake_rasa.delay = 0.6
    try:
        api.push(*(api.text_update(chat_id, f"Nachricht {n}") for n in range(20)))
        pushed = time.monotonic()
        api.send_text(other_chat_id, "Ich bin auch noch da")
        api.wait_for_texts(other_chat_id, 1, timeout=10)
        flood = api.wait_until_quiet(chat_id, quiet=1.0, timeout=30)
    finally:
        fake_rasa.delay = 0.0
    assert flood.count(texts.SLOW_DOWN["de"]) == 1
    assert [text for text in flood if text != texts.SLOW_DOWN["de"]] == [
        f"Antwort auf: Nachricht {n}" for n in range(5)
    ]
    assert len(fake_rasa.messages_from(gateway.sender_for(chat_id))) == 5  # the rest never reached Rasa
    other_answered = api.calls_of("sendMessage", other_chat_id)[0].at
    flood_answers = [
        c.at for c in api.calls_of("sendMessage", chat_id) if c.params["text"] != texts.SLOW_DOWN["de"]
    ]
    assert other_answered < flood_answers[2]  # the other chat did not wait behind the flood
    assert other_answered - pushed < 3.0


def test_flood_control_429_is_retried_after_the_wait(
    api: BotApiStandIn, gateway: GatewayProcess, chat_id: int
) -> None:
    api.fail_next("sendMessage", 429, chat_id=chat_id, retry_after=1)
    api.send_text(chat_id, "Schnell bitte")
    assert api.wait_for_texts(chat_id, 1) == ["Antwort auf: Schnell bitte"]
    attempts = [c for c in api.calls if c.method == "sendMessage" and c.params.get("chat_id") == chat_id]
    assert [c.status for c in attempts] == [429, 200]
    assert attempts[1].at - attempts[0].at >= 0.95


def test_network_errors_are_retried(api: BotApiStandIn, gateway: GatewayProcess, chat_id: int) -> None:
    api.fail_next("sendMessage", 502, chat_id=chat_id)
    api.fail_next("sendMessage", 502, chat_id=chat_id)
    api.send_text(chat_id, "Trotz Störung?")
    assert api.wait_for_texts(chat_id, 1) == ["Antwort auf: Trotz Störung?"]
    attempts = [
        c.status for c in api.calls if c.method == "sendMessage" and c.params.get("chat_id") == chat_id
    ]
    assert attempts == [502, 502, 200]
    assert gateway.alive()
