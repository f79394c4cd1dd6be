"""Turn Rasa's REST replies into Telegram messages: plain text with bare URLs, buttons as inline keyboards."""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.telegram.splitting import split_text

CALLBACK_DATA_LIMIT = 64
"""Telegram's limit for callback_data, in bytes."""

_KEY_PREFIX = "#"
_MARKDOWN_LINK = re.compile(r"\[([^\]\n]+)\]\((https?://[^)\s]+)\)")


def plain_links(text: str) -> str:
    """Replace Markdown links `[label](url)` with `label (url)`, or the bare URL when the label is the URL."""

    def replace(match: re.Match[str]) -> str:
        label, url = match.group(1).strip(), match.group(2)
        return url if label in (url, url.rstrip("/")) else f"{label} ({url})"

    return _MARKDOWN_LINK.sub(replace, text)


class ButtonPayloads:
    """Maps button payloads to callback_data of at most 64 bytes and back."""

    def __init__(self, capacity: int = 10_000) -> None:
        """Remember up to `capacity` long payloads (least recently used ones are forgotten)."""
        self._capacity = capacity
        self._long: OrderedDict[str, str] = OrderedDict()

    def encode(self, payload: str) -> str:
        """callback_data for `payload`: the payload itself if short enough, else a short key."""
        if len(payload.encode("utf-8")) <= CALLBACK_DATA_LIMIT and not payload.startswith(_KEY_PREFIX):
            return payload
        key = _KEY_PREFIX + hashlib.sha256(payload.encode("utf-8")).hexdigest()[:24]
        self._long[key] = payload
        self._long.move_to_end(key)
        while len(self._long) > self._capacity:
            self._long.popitem(last=False)
        return key

    def decode(self, data: str) -> str | None:
        """The payload behind `data`, or None for a key that is no longer known."""
        if not data.startswith(_KEY_PREFIX):
            return data
        return self._long.get(data)


@dataclass
class Outgoing:
    """One Telegram message to send."""

    text: str
    keyboard: InlineKeyboardMarkup | None = None


def _button_rows(buttons: list[Any], payloads: ButtonPayloads) -> InlineKeyboardMarkup | None:
    """One keyboard row per Rasa button with a title and a payload."""
    rows = []
    for button in buttons:
        if not isinstance(button, dict):
            continue
        title = str(button.get("title") or "").strip()
        payload = str(button.get("payload") or "").strip()
        if title and payload:
            rows.append([InlineKeyboardButton(title, callback_data=payloads.encode(payload))])
    return InlineKeyboardMarkup(rows) if rows else None


def render(replies: list[dict[str, Any]], payloads: ButtonPayloads, choose: str) -> list[Outgoing]:
    """Telegram messages for Rasa's replies: long texts split, buttons on the last part or under `choose`."""
    outgoing: list[Outgoing] = []
    for reply in replies:
        parts = [plain_links(str(reply["text"]))] if reply.get("text") else []
        for key in ("image", "attachment"):
            if isinstance(reply.get(key), str) and reply[key].startswith(("https://", "http://")):
                parts.append(reply[key])
        keyboard = _button_rows(reply.get("buttons") or [], payloads)
        chunks = split_text("\n\n".join(parts)) if parts else []
        if not chunks and keyboard is not None:
            chunks = [choose]
        outgoing.extend(Outgoing(chunk) for chunk in chunks)
        if keyboard is not None:
            outgoing[-1].keyboard = keyboard
    return outgoing
