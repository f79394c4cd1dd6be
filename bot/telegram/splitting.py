"""Split long answers at paragraph, line or word boundaries to fit Telegram's message limit."""

from __future__ import annotations

TELEGRAM_LIMIT = 4096
"""Telegram's maximum message length, counted in UTF-16 code units."""

_SEPARATORS = ("\n\n", "\n", " ")


def utf16_len(text: str) -> int:
    """Length of `text` the way Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def _fitting_prefix(text: str, limit: int) -> int:
    """Number of characters at the start of `text` that fit into `limit` UTF-16 code units."""
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > limit:
            return index
    return len(text)


def _break_position(text: str, window: int) -> int:
    """Best place to cut `text` within its first `window` characters (a break in the second half wins)."""
    for earliest in (window // 2, 1):
        for separator in _SEPARATORS:
            position = text.rfind(separator, 0, window + 1)
            if position >= earliest and text[:position].strip():
                return position
    return window


def split_text(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Split `text` into non-empty chunks of at most `limit` UTF-16 units, preferring natural breaks."""
    if limit < 2:
        raise ValueError("limit must be at least 2")
    chunks: list[str] = []
    rest = text.strip()
    while rest:
        if utf16_len(rest) <= limit:
            chunks.append(rest)
            break
        window = _fitting_prefix(rest, limit)
        cut = _break_position(rest, window)
        chunks.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    return chunks
