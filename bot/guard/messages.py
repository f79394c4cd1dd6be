"""Rasa's message handling, guarded: payloads checked, text cut and redacted before it is stored, faults
answered (Rasa environment).

Rasa stores a message as written, reads `/intent{…}` in any text as an intent, drops a failed turn without a
word to the resident and, when the conversation store fails, carries on with an empty in-memory conversation.
"""

from __future__ import annotations

import logging
from typing import Any

from bot.editor.redact import redact
from bot.guard import texts
from bot.guard.inbound import CONTROL_PAYLOADS, PAYLOAD_MARK, is_language_choice, is_payload
from bot.language import EASY_READ_SLOT, LANGUAGE_SLOT, Languages, answer_language
from bot.nlu.input_check import MAX_MESSAGE_CHARS

logger = logging.getLogger(__name__)

RECENT_BOT_MESSAGES = 20  # a button of one of the last 20 bot messages may still be pressed


LANGUAGES = Languages()


def bot_button_payloads(tracker: Any, recent: int = RECENT_BOT_MESSAGES) -> set[str]:
    """The payloads of the buttons in the conversation's last bot messages."""
    from rasa.shared.core.events import BotUttered

    payloads: set[str] = set()
    seen = 0
    for event in reversed(tracker.events):
        if isinstance(event, BotUttered):
            for button in event.data.get("buttons") or []:
                if isinstance(button, dict) and isinstance(button.get("payload"), str):
                    payloads.add(button["payload"].strip())
            seen += 1
            if seen >= recent:
                break
    return payloads


def allowed_payload(text: str, tracker: Any) -> bool:
    """A payload may carry an intent when it is one of the bot's controls or a button the bot sent."""
    return text in CONTROL_PAYLOADS or is_language_choice(text) or text in bot_button_payloads(tracker)


def stored_text(text: str | None) -> str:
    """What is kept of a typed message: at most MAX_MESSAGE_CHARS characters, personal data redacted."""
    return redact((text or "")[:MAX_MESSAGE_CHARS])


async def handle_with_tracker(processor: Any, message: Any, tracker: Any, original: Any) -> None:
    """Check a payload, parse the message as it was written, then store it cut and redacted."""
    language = answer_language(tracker.get_slot(LANGUAGE_SLOT), tracker.get_slot(EASY_READ_SLOT))
    LANGUAGES.remember(message.sender_id, language)
    metadata = dict(message.metadata or {})
    if is_payload(metadata) and not allowed_payload((message.text or "").strip(), tracker):
        logger.warning("A payload that the bot did not offer was treated as typed text")
        metadata.pop(PAYLOAD_MARK)
    message.metadata = metadata
    typed = not is_payload(metadata)
    if typed and message.text and len(message.text) > MAX_MESSAGE_CHARS:
        # Only the beginning is parsed: one character past the limit still says "too long".
        message.text = message.text[: MAX_MESSAGE_CHARS + 1]
    if not message.parse_data:
        message.parse_data = await processor.parse_message(message, tracker)
    if typed:
        message.text = stored_text(message.text)
        message.parse_data["text"] = stored_text(message.parse_data.get("text"))
    await original(processor, message, tracker)


async def fault_answer(message: Any, error: BaseException) -> list[dict[str, Any]] | None:
    """Tell the resident that the bot cannot answer right now (in the conversation's language)."""
    from rasa.core.channels.channel import CollectingOutputChannel

    logger.error("Could not handle a message (%s: %s)", type(error).__name__, error)
    text = texts.pick(texts.FAULT, LANGUAGES.of(message.sender_id))
    channel = message.output_channel
    await channel.send_text_message(message.sender_id, text)
    return channel.messages if isinstance(channel, CollectingOutputChannel) else None


class ConversationStoreDown(Exception):
    """The conversation store failed: the turn is answered with the fault message, not in memory."""


def fail_loudly(error: Exception) -> None:
    """FailSafeTrackerStore's error callback: raise instead of falling back to an empty in-memory store."""
    raise ConversationStoreDown(str(error)) from error


def install() -> None:
    """Guard Agent.handle_message and MessageProcessor._handle_message_with_tracker; no silent fallback."""
    from rasa.core.agent import Agent
    from rasa.core.processor import MessageProcessor
    from rasa.core.tracker_store import FailSafeTrackerStore

    handle_message = Agent.handle_message
    with_tracker = MessageProcessor._handle_message_with_tracker
    fail_safe_init = FailSafeTrackerStore.__init__

    async def guarded_handle_message(self: Agent, message: Any) -> Any:
        """Agent.handle_message; any failure is answered with the fault message."""
        try:
            return await handle_message(self, message)
        except Exception as error:  # noqa: BLE001 - the resident is told; the log has the error
            return await fault_answer(message, error)

    async def guarded_with_tracker(self: MessageProcessor, message: Any, tracker: Any) -> None:
        """MessageProcessor._handle_message_with_tracker with payload check, cut and redaction."""
        await handle_with_tracker(self, message, tracker, with_tracker)

    def loud_init(self: FailSafeTrackerStore, tracker_store: Any, on_error: Any = None, *args: Any) -> None:
        """FailSafeTrackerStore that raises on errors of the conversation store."""
        fail_safe_init(self, tracker_store, on_error or fail_loudly, *args)

    Agent.handle_message = guarded_handle_message
    MessageProcessor._handle_message_with_tracker = guarded_with_tracker
    FailSafeTrackerStore.__init__ = loud_init
