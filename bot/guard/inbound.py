"""How a message enters Rasa: typed text or a payload of the bot's own controls, with cleaned metadata.

Channels mark a payload (a button the bot sent, the widget's 👍/👎, the gateway's /hilfe) in the message's
metadata under PAYLOAD_MARK; everything else is typed text, which never reaches Rasa as an intent.
"""

from __future__ import annotations

import json
from typing import Any

from bot.language import ANSWER_LANGUAGES, LANGUAGE_SLOT

PAYLOAD_MARK = "dortmund_payload"
HELP_PAYLOAD = "/ask_capabilities"
PRIVACY_PAYLOAD = "/ask_privacy"
# The language menu (widget, Telegram /sprache): without an entity it asks which languages there are.
LANGUAGE_MENU_PAYLOAD = "/choose_language"
FEEDBACK_PAYLOADS = ('/feedback{"rating":"up"}', '/feedback{"rating":"down"}')
# Controls of the widget and the Telegram gateway that are not buttons in a bot message.
CONTROL_PAYLOADS = frozenset({HELP_PAYLOAD, PRIVACY_PAYLOAD, *FEEDBACK_PAYLOADS, LANGUAGE_MENU_PAYLOAD})


def is_language_choice(text: str) -> bool:
    """The language menu's payload: /choose_language{"language": "<code>"} for a language of the bot."""
    if not text.startswith(LANGUAGE_MENU_PAYLOAD + "{"):
        return False
    try:
        chosen = json.loads(text[len(LANGUAGE_MENU_PAYLOAD) :])
    except ValueError:
        return False
    return (
        isinstance(chosen, dict)
        and list(chosen) == [LANGUAGE_SLOT]
        and chosen[LANGUAGE_SLOT] in ANSWER_LANGUAGES
    )


def client_metadata(value: Any) -> dict[str, Any]:
    """The metadata a client sent, as a dictionary without the keys only the server may set."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return {}
    if not isinstance(value, dict):
        return {}
    return {str(key): item for key, item in value.items() if key != PAYLOAD_MARK}


def message_fields(body: Any) -> tuple[str, dict[str, Any]]:
    """The text and metadata of a REST body or Socket.IO event: {"message": …} or {"payload": …}."""
    if not isinstance(body, dict):
        return "", {}
    metadata = client_metadata(body.get("metadata"))
    payload = body.get("payload")
    if isinstance(payload, str) and payload.strip():
        return payload.strip(), metadata | {PAYLOAD_MARK: True}
    text = body.get("message")
    return (text if isinstance(text, str) else ""), metadata


def is_payload(metadata: Any) -> bool:
    """True when a channel marked the message as a payload."""
    return isinstance(metadata, dict) and metadata.get(PAYLOAD_MARK) is True
