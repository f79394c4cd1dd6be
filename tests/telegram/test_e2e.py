"""The real gateway between the Bot API stand-in and the real Rasa stack (action server, trained model)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.guard.inbound import HELP_PAYLOAD
from bot.telegram import texts
from tests.stack import Stack
from tests.telegram.gateway import GatewayProcess
from tests.telegram.standin import BotApiStandIn

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def live_gateway(
    api: BotApiStandIn, stack: Stack, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[GatewayProcess]:
    """The gateway polling the stand-in and talking to the real Rasa server."""
    process = GatewayProcess(api, stack.rasa_url, tmp_path_factory.mktemp("live-gateway"))
    process.start()
    yield process
    process.stop()


def user_texts(tracker: dict) -> list[str]:
    """What the user said in a Rasa tracker."""
    return [event.get("text") or "" for event in tracker["events"] if event["event"] == "user"]


def offered_buttons(stack: Stack, payload: str, sender: str) -> list[dict]:
    """The buttons of the bot's replies to a control's payload, sent over REST."""
    replies = stack.send(payload, sender, payload=True)
    return [button for message in replies for button in message.get("buttons") or []]


def ask(api: BotApiStandIn, chat_id: int, text: str, timeout: float = 30.0) -> str:
    """Send `text` from the chat and return everything the bot answered to it, joined by blank lines."""
    before = len(api.sent_texts(chat_id))
    api.send_text(chat_id, text)
    api.wait_for_texts(chat_id, before + 1, timeout)
    return "\n\n".join(api.wait_until_quiet(chat_id, timeout=timeout)[before:])


def test_a_question_gets_the_right_answer_in_the_right_chat(
    api: BotApiStandIn, live_gateway: GatewayProcess, chat_id: int, other_chat_id: int
) -> None:
    api.send_text(chat_id, "Was ist HSU?")
    api.send_text(other_chat_id, "Wer ist im Integrationsrat?")
    hsu = api.wait_for_texts(chat_id, 1, timeout=30)
    council = api.wait_for_texts(other_chat_id, 1, timeout=30)
    assert "Herkunftssprachlich" in "\n".join(hsu)
    assert "Mitglieder" in "\n".join(council) and "Herkunftssprachlich" not in "\n".join(council)
    typing = api.calls_of("sendChatAction", chat_id)
    assert typing and typing[0].at < api.calls_of("sendMessage", chat_id)[0].at


def test_rasa_knows_the_chat_only_by_its_keyed_hash(
    api: BotApiStandIn, live_gateway: GatewayProcess, stack: Stack, chat_id: int
) -> None:
    ask(api, chat_id, "Was ist HSU?")
    assert user_texts(stack.tracker(live_gateway.sender_for(chat_id))) == ["Was ist HSU?"]
    user = api.user(chat_id)
    for raw in (str(chat_id), str(user["id"]), user["username"]):
        assert user_texts(stack.tracker(raw)) == []


def test_help_and_privacy_are_relayed_from_rasa(
    api: BotApiStandIn, live_gateway: GatewayProcess, stack: Stack, chat_id: int
) -> None:
    welcome = ask(api, chat_id, "/start")
    assert "/datenschutz" in welcome and "30 Tage" in welcome
    capabilities = ask(api, chat_id, "/hilfe")
    assert "HSU" in capabilities or "Herkunftssprachlich" in capabilities
    assert ask(api, chat_id, "/help") == capabilities
    privacy = ask(api, chat_id, "/datenschutz")
    assert privacy != texts.UNAVAILABLE["de"] and "speichert" in privacy.lower()
    assert user_texts(stack.tracker(live_gateway.sender_for(chat_id))) == [
        "/ask_capabilities",
        "/ask_capabilities",
        "/ask_privacy",
    ]


def test_neu_makes_rasa_forget_the_topic(
    api: BotApiStandIn, live_gateway: GatewayProcess, stack: Stack, chat_id: int
) -> None:
    assert "Integrationsrat" in ask(api, chat_id, "Was ist der Integrationsrat?")
    assert "Mitglieder" in ask(api, chat_id, "Wie viele Mitglieder hat er?")  # the follow-up keeps the topic
    assert ask(api, chat_id, "/neu") == texts.NEW_CONVERSATION["de"]
    after = ask(api, chat_id, "Wie viele Mitglieder hat er?")
    assert "Mitglieder" not in after and after != texts.UNAVAILABLE["de"]  # Rasa asks which topic is meant
    assert user_texts(stack.tracker(live_gateway.sender_for(chat_id, 1))) == ["Wie viele Mitglieder hat er?"]
    assert len(user_texts(stack.tracker(live_gateway.sender_for(chat_id)))) == 2


def test_a_button_press_asks_rasa_the_buttons_question(
    api: BotApiStandIn, live_gateway: GatewayProcess, stack: Stack, chat_id: int
) -> None:
    ask(api, chat_id, "/hilfe")  # the topic list, with a button for each topic's overview
    with_keyboard = [c for c in api.calls_of("sendMessage", chat_id) if "reply_markup" in c.params]
    assert with_keyboard, "/hilfe should be answered with a button per topic"
    buttons = [row[0] for row in with_keyboard[-1].params["reply_markup"]["inline_keyboard"]]
    assert len(buttons) >= 2
    bot_message = api.last_sent(chat_id)
    assert bot_message["reply_markup"]["inline_keyboard"][0][0] == buttons[0]
    # A payload short enough for callback_data travels as is (longer ones as a key the gateway maps back).
    button = next(b for b in buttons if b["callback_data"].startswith("/ask_"))
    before = len(api.sent_texts(chat_id))
    query_id = api.press(chat_id, bot_message, button["callback_data"])
    api.wait_for_texts(chat_id, before + 1, timeout=30)
    answer = "\n\n".join(api.wait_until_quiet(chat_id)[before:])
    # The same button pressed in the widget: a probe conversation is offered it, then sends it as a payload.
    probe = f"probe-{chat_id}"
    assert button["callback_data"] in {b["payload"] for b in offered_buttons(stack, HELP_PAYLOAD, probe)}
    expected = stack.texts(button["callback_data"], probe, payload=True)
    assert answer and answer == expected  # the overview Rasa gives to the payload
    answered = [c for c in api.calls_of("answerCallbackQuery") if c.params["callback_query_id"] == query_id]
    assert len(answered) == 1 and "text" not in answered[0].params
    assert "reply_markup" not in api.last_sent(chat_id, bot_message["message_id"])  # no second press
    assert user_texts(stack.tracker(live_gateway.sender_for(chat_id)))[-1] == button["callback_data"]


def test_rasa_stopped_gets_a_friendly_answer_and_the_gateway_recovers(
    api: BotApiStandIn, live_gateway: GatewayProcess, stack: Stack, chat_id: int
) -> None:
    stack.stop_rasa()
    try:
        assert ask(api, chat_id, "Was ist HSU?") == texts.UNAVAILABLE["de"]
    finally:
        stack.start_rasa()
    assert "Herkunftssprachlich" in ask(api, chat_id, "Was ist HSU?")
    assert live_gateway.alive()


def test_a_flooding_chat_does_not_slow_down_another(
    api: BotApiStandIn, live_gateway: GatewayProcess, stack: Stack, chat_id: int, other_chat_id: int
) -> None:
    api.push(*(api.text_update(chat_id, "Was ist HSU?") for _ in range(25)))
    api.send_text(other_chat_id, "Was ist der Integrationsrat?")
    other = "\n\n".join(api.wait_until_quiet(other_chat_id, timeout=60))
    assert "Integrationsrat" in other
    flood = api.wait_until_quiet(chat_id, quiet=2.0, timeout=60)
    assert flood.count(texts.SLOW_DOWN["de"]) == 1
    assert user_texts(stack.tracker(live_gateway.sender_for(chat_id))) == ["Was ist HSU?"] * 5
    other_answered = api.calls_of("sendMessage", other_chat_id)[0].at
    assert other_answered < api.calls_of("sendMessage", chat_id)[-1].at  # not queued behind the flood
