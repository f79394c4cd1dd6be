"""What every translation must keep: the German text's numbers and dates; Leichte Sprache: short sentences."""

from __future__ import annotations

import re
from collections.abc import Iterator

# Sentences in Leichte Sprache (Netzwerk Leichte Sprache): short on average, none long.
EASY_READ_MEAN_WORDS = 12
EASY_READ_MAX_WORDS = 15
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# A date 13.06.2013 may be written "13 June 2013" in another language: its day and year count, not the month.
_DATE = re.compile(r"\b0?(\d{1,2})\.(\d{1,2})\.(\d{4})?")
# "21:00" is the hour written as "21 Uhr" in German.
_FULL_HOUR = re.compile(r"\b(\d{1,2}):00\b")
_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+|\n+")


def numbers(text: str | None) -> set[str]:
    """The numbers of a text (amounts, years, a date's day and year) without thousands separators."""
    text = _FULL_HOUR.sub(r"\1", _DATE.sub(lambda date: f"{date[1]} {date[3] or ''}", text or ""))
    return {re.sub(r"[.,]", "", number).lstrip("0") or "0" for number in _NUMBER.findall(text)}


def number_problems(german: str | None, translated: str | None) -> Iterator[str]:
    """What differs: numbers of the German text the translation lacks, and numbers it adds."""
    missing, added = numbers(german) - numbers(translated), numbers(translated) - numbers(german)
    if missing:
        yield "ohne die Zahlen " + ", ".join(sorted(missing))
    if added:
        yield "mit Zahlen, die im deutschen Text fehlen: " + ", ".join(sorted(added))


def sentence_lengths(text: str) -> list[int]:
    """Words per sentence (a line without a full stop counts as one sentence)."""
    return [len(part.split()) for part in _SENTENCE_END.split(text) if part.strip()]


def easy_read_problems(text: str) -> Iterator[str]:
    """Sentences too long for Leichte Sprache."""
    lengths = sentence_lengths(text)
    if lengths and max(lengths) > EASY_READ_MAX_WORDS:
        yield f"ein Satz hat {max(lengths)} Wörter (höchstens {EASY_READ_MAX_WORDS})"
    mean = sum(lengths) / len(lengths) if lengths else 0
    if mean > EASY_READ_MEAN_WORDS:
        yield f"Sätze haben im Mittel {mean:.1f} Wörter (höchstens {EASY_READ_MEAN_WORDS})"
