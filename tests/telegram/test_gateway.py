"""The gateway process between the Bot API stand-in and a scripted Rasa: what a Telegram user notices."""

from __future__ import annotations

from bot.telegram import texts
from bot.telegram.splitting import utf16_len
from tests.telegram.bot_api_methods import BOT_ID, BOT_USERNAME
from tests.telegram.fake_rasa import CAPABILITIES, LONG_ANSWER, LONG_PAYLOAD, PRIVACY, FakeRasa
from tests.telegram.gateway import GatewayProcess
from tests.telegram.standin import BotApiStandIn


def test_question_is_answered_in_its_own_chat(
    api: BotApiStandIn, gateway: GatewayProcess, chat_id: int, other_chat_id: int
) -> None:
    api.send_text(chat_id, "Wann ist das Bürgerbüro offen?")
    api.send_text(other_chat_id, "Was ist HSU?")
    assert api.wait_for_texts(chat_id, 1) == ["Antwort auf: Wann ist das Bürgerbüro offen?"]
    assert api.wait_for_texts(other_chat_id, 1) == ["Antwort auf: Was ist HSU?"]
    message = api.calls_of("sendMessage", chat_id)[0].params
    assert message["link_preview_options"] == {"is_disabled": True}
    assert "parse_mode" not in message  # plain text: nothing in an answer is interpreted as markup


def test_typing_is_shown_while_rasa_works(
    api: BotApiStandIn, gateway: GatewayProcess, fake_rasa: FakeRasa, chat_id: int
) -> None:
    fake_rasa.delay = 0.5
    try:
        api.send_text(chat_id, "Was macht der Integrationsrat?")
        api.wait_for_texts(chat_id, 1)
    finally:
        fake_rasa.delay = 0.0
    typing = api.calls_of("sendChatAction", chat_id)
    assert typing and typing[0].params["action"] == "typing"
    assert typing[0].at < api.calls_of("sendMessage", chat_id)[0].at


def test_typing_comes_before_every_answer_even_when_rasa_is_quick(
    api: BotApiStandIn, gateway: GatewayProcess, chat_id: int
) -> None:
    chats = [chat_id * 1000 + n for n in range(20)]
    api.push(*(api.text_update(chat, "Schnelle Frage") for chat in chats))
    for chat in chats:
        api.wait_for_texts(chat, 1)
        typing = api.calls_of("sendChatAction", chat)
        assert typing and typing[0].at < api.calls_of("sendMessage", chat)[0].at


def test_links_arrive_as_plain_urls(api: BotApiStandIn, gateway: GatewayProcess, chat_id: int) -> None:
    api.send_text(chat_id, "Link bitte")
    assert api.wait_for_texts(chat_id, 1) == ["Quelle: Stadt Dortmund (https://www.dortmund.de/hsu)"]


def test_an_empty_rasa_reply_still_gets_an_answer(
    api: BotApiStandIn, gateway: GatewayProcess, chat_id: int
) -> None:
    api.send_text(chat_id, "Nichts")
    assert api.wait_for_texts(chat_id, 1) == [texts.NO_ANSWER["de"]]


def test_buttons_become_an_inline_keyboard_and_a_press_asks_rasa(
    api: BotApiStandIn, gateway: GatewayProcess, fake_rasa: FakeRasa, chat_id: int
) -> None:
    api.send_text(chat_id, "Knöpfe bitte")
    api.wait_for_texts(chat_id, 1)
    question = api.calls_of("sendMessage", chat_id)[0]
    rows = question.params["reply_markup"]["inline_keyboard"]
    assert [row[0]["text"] for row in rows] == ["HSU", "Huckarde"]
    assert all(len(row[0]["callback_data"].encode()) <= 64 for row in rows)
    bot_message = api.last_sent(chat_id)

    query_id = api.press(chat_id, bot_message, rows[1][0]["callback_data"])
    texts_sent = api.wait_for_texts(chat_id, 2)
    assert texts_sent[1] == f"Antwort auf: {LONG_PAYLOAD}"  # the long payload reached Rasa whole
    assert [call.params["callback_query_id"] for call in api.calls_of("answerCallbackQuery")].count(
        query_id
    ) == 1
    edits = api.calls_of("editMessageReplyMarkup", chat_id)
    assert edits and edits[0].params["message_id"] == bot_message["message_id"]
    assert "reply_markup" not in api.last_sent(chat_id, bot_message["message_id"])  # keyboard removed

    api.press(chat_id, bot_message, rows[0][0]["callback_data"])
    assert api.wait_for_texts(chat_id, 3)[2] == "Antwort auf: /ask_hsu"
    assert fake_rasa.payloads_from(gateway.sender_for(chat_id))[-2:] == [LONG_PAYLOAD, "/ask_hsu"]


def test_a_button_from_before_a_restart_is_answered_kindly(
    api: BotApiStandIn, gateway: GatewayProcess, chat_id: int
) -> None:
    api.send_text(chat_id, "Hallo")
    api.wait_for_texts(chat_id, 1)
    bot_message = api.last_sent(chat_id)
    query_id = api.press(chat_id, bot_message, "#0123456789abcdef01234567")  # a key this gateway never issued
    answer = api.wait_for(
        lambda: [c for c in api.calls_of("answerCallbackQuery") if c.params["callback_query_id"] == query_id]
    )[0]
    assert answer.params["text"] == texts.BUTTON_EXPIRED["de"]
    assert api.sent_texts(chat_id) == ["Antwort auf: Hallo"]


def test_non_text_messages_get_a_friendly_answer(
    api: BotApiStandIn, gateway: GatewayProcess, fake_rasa: FakeRasa, chat_id: int
) -> None:
    contents = [
        {"photo": [{"file_id": "p1", "file_unique_id": "u1", "width": 90, "height": 90}]},
        {
            "sticker": {
                "file_id": "s1",
                "file_unique_id": "u2",
                "type": "regular",
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
            }
        },
        {"voice": {"file_id": "v1", "file_unique_id": "u3", "duration": 3}},
        {"location": {"latitude": 51.5136, "longitude": 7.4653}},
        {"document": {"file_id": "d1", "file_unique_id": "u4", "file_name": "antrag.pdf"}},
    ]
    api.push(*({"message": api.message(chat_id, **content)} for content in contents))
    assert api.wait_for_texts(chat_id, len(contents)) == [texts.UNSUPPORTED["de"]] * len(contents)
    assert not fake_rasa.messages_from(gateway.sender_for(chat_id))


def test_a_long_answer_is_split_with_the_keyboard_on_the_last_part(
    api: BotApiStandIn, gateway: GatewayProcess, chat_id: int
) -> None:
    api.send_text(chat_id, "Lange Antwort bitte")
    api.wait_for(lambda: any("reply_markup" in c.params for c in api.calls_of("sendMessage", chat_id)))
    parts = api.calls_of("sendMessage", chat_id)
    assert len(parts) >= 3
    assert all(utf16_len(part.params["text"]) <= 4096 for part in parts)
    assert all(part.params["text"].startswith("Absatz") for part in parts)  # cut between paragraphs
    assert "\n\n".join(part.params["text"] for part in parts) == LONG_ANSWER
    assert ["reply_markup" in part.params for part in parts] == [False] * (len(parts) - 1) + [True]


def test_commands(api: BotApiStandIn, gateway: GatewayProcess, fake_rasa: FakeRasa, chat_id: int) -> None:
    api.send_text(chat_id, "/start")
    welcome = api.wait_for_texts(chat_id, 1)[0]
    assert "30 Tage" in welcome and "/datenschutz" in welcome
    for command in ("/hilfe", "/help", "/datenschutz", "/unbekannt"):
        api.send_text(chat_id, command)
    unknown = texts.UNKNOWN_COMMAND["de"]
    assert api.wait_for_texts(chat_id, 5)[1:] == [CAPABILITIES, CAPABILITIES, PRIVACY, unknown]
    assert fake_rasa.messages_from(gateway.sender_for(chat_id)) == ["/ask_capabilities"] * 2 + [
        "/ask_privacy"
    ]
    assert fake_rasa.payloads_from(gateway.sender_for(chat_id)) == ["/ask_capabilities"] * 2 + [
        "/ask_privacy"
    ]


def test_users_cannot_send_intents_to_rasa(
    api: BotApiStandIn, gateway: GatewayProcess, fake_rasa: FakeRasa, chat_id: int
) -> None:
    """Typed text, however a slash is written or hidden, reaches Rasa as text; Rasa keeps it text."""
    typed = [
        '/{"intent": "restart"}',
        '\u200b/feedback{"rating":"down"}',
        "<b>/restart</b>",
        "/ /session_start",
    ]
    for text in typed:  # no bot_command entity: ordinary text messages
        api.send_text(chat_id, text)
    assert api.wait_for_texts(chat_id, len(typed))[0] == 'Antwort auf: /{"intent": "restart"}'
    sender = gateway.sender_for(chat_id)
    assert fake_rasa.messages_from(sender) == typed
    assert fake_rasa.payloads_from(sender) == []


def test_neu_starts_a_new_rasa_conversation(
    api: BotApiStandIn, gateway: GatewayProcess, fake_rasa: FakeRasa, chat_id: int
) -> None:
    for text in ("Erste Frage", "/neu", "Zweite Frage", "/neu", "Dritte Frage"):
        api.send_text(chat_id, text)
    answers = api.wait_for_texts(chat_id, 5)
    assert answers[1] == answers[3] == texts.NEW_CONVERSATION["de"]
    senders = [gateway.sender_for(chat_id, n) for n in range(3)]
    assert [fake_rasa.messages_from(sender) for sender in senders] == [
        ["Erste Frage"],
        ["Zweite Frage"],
        ["Dritte Frage"],
    ]


def test_rasa_sees_only_the_keyed_hash_of_the_chat(
    api: BotApiStandIn, gateway: GatewayProcess, fake_rasa: FakeRasa, chat_id: int
) -> None:
    api.send_text(chat_id, "Wer bin ich?")
    api.wait_for_texts(chat_id, 1)
    sender = gateway.sender_for(chat_id)
    assert fake_rasa.messages_from(sender) == ["Wer bin ich?"]
    assert len(sender) == 64 and str(chat_id) not in sender
    user = api.user(chat_id)
    leaked = {str(chat_id), str(user["id"]), user["username"], user["first_name"]}
    assert not leaked & fake_rasa.senders()


def test_groups_are_answered_only_when_addressed(
    api: BotApiStandIn, gateway: GatewayProcess, fake_rasa: FakeRasa, chat_id: int
) -> None:
    group = -chat_id
    api.send_text(group, "Ich unterhalte mich nur mit den anderen", "supergroup")
    api.send_text(group, f"@{BOT_USERNAME} Was ist HSU?", "supergroup")
    assert api.wait_for_texts(group, 1) == ["Antwort auf: Was ist HSU?"]
    bot_message = api.last_sent(group)
    api.send_text(group, "Und auf Arabisch?", "supergroup", reply_to_message=bot_message)
    api.send_text(group, "/hilfe", "supergroup")
    assert api.wait_for_texts(group, 3)[1:] == ["Antwort auf: Und auf Arabisch?", CAPABILITIES]
    api.push({"message": api.message(group, "supergroup", dice={"emoji": "🎲", "value": 3})})
    api.send_text(group, f"Danke @{BOT_USERNAME}", "supergroup")
    api.send_text(group, f"@{BOT_USERNAME} /restart", "supergroup")
    assert api.wait_for_texts(group, 5)[3:] == ["Antwort auf: Danke", "Antwort auf: /restart"]
    assert fake_rasa.messages_from(gateway.sender_for(group)) == [
        "Was ist HSU?",
        "Und auf Arabisch?",
        "/ask_capabilities",
        "Danke",
        "/restart",  # typed text: Rasa reads it as text (tests/e2e/test_hardening.py)
    ]
    assert fake_rasa.payloads_from(gateway.sender_for(group)) == ["/ask_capabilities"]
    assert bot_message["from"]["id"] == BOT_ID


def test_the_log_holds_no_names_usernames_or_texts(
    api: BotApiStandIn, gateway: GatewayProcess, chat_id: int
) -> None:
    api.send_text(chat_id, "Meine geheime Frage zur Einbürgerung")
    api.wait_for_texts(chat_id, 1)
    log = gateway.log()
    user = api.user(chat_id)
    assert "Telegram gateway ready" in log
    for secret in (
        "geheime Frage",
        "Wer bin ich",
        user["first_name"],
        user["username"],
        "Musterfrau",
    ):
        assert secret not in log
    assert api.calls[0].method == "getMe"
