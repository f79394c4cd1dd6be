"""Checks a resident's raw message before NLU: what is wrong with it, and the text worth classifying."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from bot.knowledge.text import words
from bot.language import DETECTED_LANGUAGES, languages

MAX_MESSAGE_CHARS = 2000
MARKUP = re.compile(
    r"<\s*(script|style)\b.*?(<\s*/\s*\1\s*>|$)|<[!/?]?[a-zA-Z][^<>]*>", re.IGNORECASE | re.DOTALL
)
# Writing systems of the bot's languages (knowledge/languages/), plus digits and punctuation.
UNDERSTOOD_SCRIPTS = {"COMMON", "INHERITED"} | {
    language.detect["script"].upper() for language in languages().values() if language.detect
}
UNDERSTOOD_LANGUAGES = set(DETECTED_LANGUAGES)
# Frequent German and English words: a message with one of them is not sent to language detection, which
# misreads short German or English questions (e.g. "are you a real person?" as Romanian).
COMMON_WORDS = set(
    words(
        "der die das und ist ich sie du wie was wo wann wer ein eine nicht mit für auf gibt es "
        "the and is are you what where how when who can my do does"
    )
)
# Nor is a message whose words are mostly the bot's own (learnt from its answers' examples): keyword queries
# such as "migrado termin online buchen" have no common word and read as Spanish.
KNOWN_WORDS_SHARE = 0.5


@dataclass(frozen=True)
class InputCheck:
    """The cleaned text and, if the message cannot be answered as it is, the kind of problem."""

    text: str
    problem: str | None = None


def strip_control_characters(text: str) -> str:
    """Replace control and format characters (except line breaks and tabs) with spaces."""
    return "".join(
        " " if unicodedata.category(char) in {"Cc", "Cf"} and char not in "\n\t" else char for char in text
    )


def script_of(char: str) -> str:
    """The writing system of a letter, from its Unicode name (LATIN, CYRILLIC, ARABIC, CJK, ...)."""
    name = unicodedata.name(char, "")
    return name.split(" ")[0] if name else "COMMON"


def mostly_foreign_script(letters: str) -> bool:
    """True when most letters are not Latin (Cyrillic, Arabic, Greek, CJK, ...)."""
    foreign = sum(1 for char in letters if script_of(char) not in UNDERSTOOD_SCRIPTS)
    return foreign > len(letters) / 2


def without_command_prefix(text: str) -> str:
    """Typed text without leading slashes, which would make Rasa read it as an intent with entities."""
    stripped = text.strip()
    while stripped.startswith("/"):
        stripped = stripped.lstrip("/").strip()
    return stripped


def clean(raw: str, typed: bool) -> str:
    """Text without control characters, markup and repeated spaces; typed text without a command prefix."""
    without_markup = MARKUP.sub(" ", strip_control_characters(raw))
    cleaned = re.sub(r"\s+", " ", without_markup).strip()
    return without_command_prefix(cleaned) if typed else cleaned


def check_message(
    text: str | None,
    detect_language: Callable[[str], str | None] | None = None,
    typed: bool = True,
    known_words: frozenset[str] = frozenset(),
) -> InputCheck:
    """Clean a raw message and name its problem: empty, too_long, markup, no_words or foreign_language."""
    raw = text or ""
    if len(raw) > MAX_MESSAGE_CHARS:
        return InputCheck(text=clean(raw[:MAX_MESSAGE_CHARS], typed), problem="too_long")
    cleaned = clean(raw, typed)
    if not cleaned:
        return InputCheck(text="", problem="markup" if MARKUP.search(raw) else "empty")
    letters = "".join(char for char in cleaned if char.isalpha())
    if not letters and not any(char.isdigit() for char in cleaned):
        return InputCheck(text=cleaned, problem="no_words")
    if letters and mostly_foreign_script(letters):
        return InputCheck(text=cleaned, problem="foreign_language")
    message_words = set(words(cleaned))
    mostly_known = len(message_words & known_words) >= KNOWN_WORDS_SHARE * len(message_words)
    if detect_language and len(message_words) >= 4 and not message_words & COMMON_WORDS and not mostly_known:
        language = detect_language(cleaned)
        if language and language not in UNDERSTOOD_LANGUAGES:
            return InputCheck(text=cleaned, problem="foreign_language")
    return InputCheck(text=cleaned)
