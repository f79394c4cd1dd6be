"""Update handlers: one async function per kind of update, plus the error handler."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field

from telegram import Message, MessageEntity, Update
from telegram.constants import ChatAction, ChatType
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes, filters

from bot.guard.inbound import HELP_PAYLOAD, LANGUAGE_MENU_PAYLOAD, PRIVACY_PAYLOAD, is_language_choice
from bot.guard.texts import pick
from bot.language import ANSWER_LANGUAGES, DEFAULT_LANGUAGE, LANGUAGE_SLOT, Languages
from bot.ratelimit import ChatRateLimiter, Verdict
from bot.telegram import texts
from bot.telegram.rasa_client import RasaClient, RasaUnavailable
from bot.telegram.replies import ButtonPayloads, Outgoing, render
from bot.telegram.sender_id import Conversations

logger = logging.getLogger(__name__)

STATE_KEY = "gateway"
TYPING_REFRESH_SECONDS = 4.5  # Telegram shows a chat action for about five seconds


@dataclass
class GatewayState:
    """What the handlers share: the Rasa client, pseudonyms, rate limits, button payloads, chat locks."""

    rasa: RasaClient
    conversations: Conversations
    rate_limiter: ChatRateLimiter
    payloads: ButtonPayloads = field(default_factory=ButtonPayloads)
    languages: Languages = field(default_factory=Languages)  # per chat, from what the resident writes
    locks: weakref.WeakValueDictionary[int, asyncio.Lock] = field(default_factory=weakref.WeakValueDictionary)

    def lock(self, chat_id: int) -> asyncio.Lock:
        """The lock that keeps one chat's messages in order (other chats are not affected)."""
        lock = self.locks.get(chat_id)
        if lock is None:
            lock = self.locks[chat_id] = asyncio.Lock()
        return lock

    def text(self, texts_by_language: dict[str, str], chat_id: int | None) -> str:
        """One of the gateway's own texts in the chat's language (German until the chat is in English)."""
        return pick(texts_by_language, self.languages.of(chat_id))


class Addressed(filters.MessageFilter):
    """Messages meant for the bot: every private message; in groups a mention or a reply to the bot."""

    def filter(self, message: Message) -> bool:
        """True if the bot should answer `message`."""
        if message.chat.type == ChatType.PRIVATE:
            return True
        if message.chat.type not in (ChatType.GROUP, ChatType.SUPERGROUP):
            return False
        bot = message.get_bot()
        replied = message.reply_to_message
        if replied is not None and replied.from_user is not None and replied.from_user.id == bot.id:
            return True
        mention = f"@{bot.username}".lower()
        mentions = [
            *message.parse_entities([MessageEntity.MENTION]).values(),
            *message.parse_caption_entities([MessageEntity.MENTION]).values(),
        ]
        return any(text.lower() == mention for text in mentions)


ADDRESSED = Addressed(name="Addressed")


def _state(context: ContextTypes.DEFAULT_TYPE) -> GatewayState:
    """The gateway state stored in bot_data."""
    return context.bot_data[STATE_KEY]


def _without_mention(text: str, username: str) -> str:
    """`text` without the bot's @username, so that Rasa sees only the question."""
    return re.sub(rf"@{re.escape(username)}\b", " ", text, flags=re.IGNORECASE).strip()


def telegram_language(message: Message) -> str | None:
    """The language of the user's Telegram app, when the bot answers in it: the first guess for a new chat."""
    code = (getattr(message.from_user, "language_code", None) or "").split("-")[0].lower()
    return code if code in ANSWER_LANGUAGES else None


async def _admit(message: Message, state: GatewayState) -> bool:
    """Apply the chat's rate limit; the first message over the limit gets a 'slow down' answer."""
    if message.chat_id not in state.languages.known:
        state.languages.remember(message.chat_id, telegram_language(message))
    verdict = state.rate_limiter.check(message.chat_id)
    if verdict is Verdict.WARN:
        logger.info("Rate limit reached in a chat; dropping its messages for a while")
        await message.reply_text(state.text(texts.SLOW_DOWN, message.chat_id), do_quote=False)
    return verdict is Verdict.ALLOW


@asynccontextmanager
async def _typing(message: Message) -> AsyncIterator[None]:
    """Show 'typing…' in the chat while the block runs."""

    async def send_action() -> None:
        with suppress(TelegramError):
            await message.reply_chat_action(ChatAction.TYPING)

    async def refresh() -> None:
        while True:
            await asyncio.sleep(TYPING_REFRESH_SECONDS)
            await send_action()

    first = asyncio.create_task(send_action())
    refresher = asyncio.create_task(refresh())
    try:
        yield
    finally:
        refresher.cancel()
        await asyncio.wait({first}, timeout=1.0)  # the action should reach Telegram before the answer
        first.cancel()


async def _answer(message: Message, state: GatewayState, text: dict[str, str]) -> None:
    """Send the gateway's own answer in the chat's language, in turn with the chat's other answers."""
    async with state.lock(message.chat_id):
        await message.reply_text(state.text(text, message.chat_id), do_quote=False)


async def _relay(message: Message, state: GatewayState, text: str, payload: bool = False) -> None:
    """Send typed `text` (or a payload) to Rasa under the chat's pseudonym; deliver every answer."""
    async with state.lock(message.chat_id):
        sender = state.conversations.current(message.chat_id)
        try:
            async with _typing(message):
                replies = await state.rasa.send(sender, text, payload)
        except RasaUnavailable as error:
            logger.warning("Rasa is not reachable (%s); told the user to try again later", error)
            await message.reply_text(state.text(texts.UNAVAILABLE, message.chat_id), do_quote=False)
            return
        choose = state.text(texts.CHOOSE, message.chat_id)
        for item in render(replies, state.payloads, choose) or [
            Outgoing(state.text(texts.NO_ANSWER, message.chat_id))
        ]:
            await message.reply_text(item.text, reply_markup=item.keyboard, do_quote=False)


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Welcome the user and say what is stored (/start); Rasa answers in the Telegram app's language."""
    message = update.effective_message
    state = _state(context)
    if message is not None and await _admit(message, state):
        await _answer(message, state, texts.WELCOME)
        language = state.languages.of(message.chat_id)
        if language != DEFAULT_LANGUAGE:
            choice = LANGUAGE_MENU_PAYLOAD + json.dumps({LANGUAGE_SLOT: language})
            await _relay(message, state, choice, payload=True)


async def language_menu(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Show the languages as buttons, as Rasa offers them (/sprache, /language)."""
    message = update.effective_message
    if message is not None and await _admit(message, _state(context)):
        await _relay(message, _state(context), LANGUAGE_MENU_PAYLOAD, payload=True)


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Relay what the bot knows, as Rasa answers it (/hilfe, /help)."""
    message = update.effective_message
    if message is not None and await _admit(message, _state(context)):
        await _relay(message, _state(context), HELP_PAYLOAD, payload=True)


async def privacy(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Relay the privacy notice, as Rasa answers it (/datenschutz)."""
    message = update.effective_message
    if message is not None and await _admit(message, _state(context)):
        await _relay(message, _state(context), PRIVACY_PAYLOAD, payload=True)


async def new_conversation(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Start a fresh Rasa conversation under a new pseudonym (/neu)."""
    message = update.effective_message
    state = _state(context)
    if message is not None and await _admit(message, state):
        async with state.lock(message.chat_id):
            state.conversations.start_new(message.chat_id)
            await message.reply_text(state.text(texts.NEW_CONVERSATION, message.chat_id), do_quote=False)


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the commands the bot understands."""
    message = update.effective_message
    if message is not None and await _admit(message, _state(context)):
        await _answer(message, _state(context), texts.UNKNOWN_COMMAND)


async def text_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Relay a text message to Rasa and send its answers back."""
    message = update.effective_message
    if message is None or not message.text:
        return
    _state(context).languages.remember_text(message.chat_id, message.text)
    if not await _admit(message, _state(context)):
        return
    # Typed text goes to Rasa as text (never as an intent, however a slash is hidden); a bare mention asks
    # for help.
    text = _without_mention(message.text, context.bot.username)
    if text:
        await _relay(message, _state(context), text)
    else:
        await _relay(message, _state(context), HELP_PAYLOAD, payload=True)


async def button_press(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer the callback query and relay the pressed button's payload to Rasa."""
    query = update.callback_query
    if query is None:
        return
    state = _state(context)
    payload = state.payloads.decode(query.data or "")
    message = query.message
    if payload is None or not isinstance(message, Message):
        chat_id = message.chat.id if message is not None else None
        await query.answer(state.text(texts.BUTTON_EXPIRED, chat_id), show_alert=True)
        return
    await query.answer()
    with suppress(BadRequest):  # e.g. the keyboard was already removed by an earlier press
        await query.edit_message_reply_markup(reply_markup=None)
    if is_language_choice(payload):
        # The gateway's own texts follow the chosen language at once.
        state.languages.remember(
            message.chat_id, json.loads(payload[len(LANGUAGE_MENU_PAYLOAD) :])[LANGUAGE_SLOT]
        )
    if await _admit(message, state):
        await _relay(message, state, payload, payload=True)


async def unsupported_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Tell the user that only text can be read (photos, stickers, voice, locations, documents …)."""
    message = update.effective_message
    if message is not None and await _admit(message, _state(context)):
        await _answer(message, _state(context), texts.UNSUPPORTED)


async def error_handler(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the error without message contents and, if possible, tell the user to try again later."""
    update_id = update.update_id if isinstance(update, Update) else None
    logger.error("Error while handling update %s", update_id, exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat and not isinstance(context.error, TelegramError):
        with suppress(TelegramError):
            chat = update.effective_chat
            await chat.send_message(_state(context).text(texts.UNAVAILABLE, chat.id))
