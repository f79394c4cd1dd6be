"""The bot's languages (knowledge/languages/), which one a resident writes in, and recent conversations'."""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml

LANGUAGES_DIR = Path(__file__).resolve().parents[1] / "knowledge" / "languages"
DEFAULT_LANGUAGE = "de"
# Leichte Sprache: German easy-read. German to the NLU, so it is a slot beside the language (see domain.yml).
EASY_READ = "de-ls"
EASY_READ_SLOT = "leichte_sprache"
# The slot (and NLU entity) that holds the conversation's language.
LANGUAGE_SLOT = "language"
# Languages residents of Dortmund also write in, which the bot does not answer in (yet): named, not guessed.
OTHER_LANGUAGES = ("ro", "bg", "el", "it", "es", "fr", "fa", "sq")
# Fewer words than this give py3langid too little to go on.
MIN_WORDS_FOR_STATISTICS = 4
# Words of a language typed in Latin letters that recognise it: "ana" or "fi" alone may be Turkish or Italian.
MIN_ROMANISED_WORDS = 2
KNOWN_LANGUAGES = 10_000  # conversations whose language is remembered
SCRIPTS = {
    "latin": r"[a-zäöüßçğışąęłśżźćńéèáàâêîôûñ]",
    "cyrillic": r"[\u0400-\u04ff]",
    "arabic": r"[\u0600-\u06ff]",
}
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Language:
    """A language of knowledge/languages/: its name in itself, writing direction, how it is recognised."""

    code: str
    name: str
    position: int
    direction: str = "ltr"
    html_lang: str = ""
    locale: str = ""
    detect: dict[str, str] = field(default_factory=dict)
    # Month names in dates, January to December, each with its forms (read by the translation check).
    months: list[list[str]] = field(default_factory=list)
    texts: dict[str, dict[str, str]] = field(default_factory=dict)

    # Cached: every message is checked against every language's words.
    @cached_property
    def function_words(self) -> frozenset[str]:
        """Small frequent words: a message with more of them than of another language's is in this one."""
        return frozenset(self.detect.get("function_words", "").lower().split())

    @cached_property
    def words_in_latin_letters(self) -> frozenset[str]:
        """Its words in Latin letters: the function words, or for another script the `latin_words` typed."""
        if self.detect.get("script") == "latin":
            return self.function_words
        return frozenset(self.detect.get("latin_words", "").lower().split())


TEXT_SECTIONS = ("responses", "telegram", "guard", "widget")


def load_languages(directory: Path) -> dict[str, Language]:
    """The languages of the files `<code>.yml` in `directory`, by code, in menu order."""
    found = []
    for path in directory.glob("*.yml"):
        data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        texts = {section: data.pop(section, None) or {} for section in TEXT_SECTIONS}
        found.append(Language(code=path.stem, texts=texts, **data))
    return {language.code: language for language in sorted(found, key=lambda item: item.position)}


@lru_cache(maxsize=1)
def languages() -> dict[str, Language]:
    """Every language the bot answers in, by code, in menu order."""
    return load_languages(LANGUAGES_DIR)


ANSWER_LANGUAGES = tuple(languages())
# Languages a message can be recognised in (Leichte Sprache is chosen, never recognised).
DETECTED_LANGUAGES = tuple(code for code, language in languages().items() if language.detect)
CANDIDATE_LANGUAGES = [*DETECTED_LANGUAGES, *OTHER_LANGUAGES]


def html_lang(code: str) -> str:
    """The `lang` attribute of a text in the language (Leichte Sprache is German to a screen reader)."""
    language = languages().get(code)
    return (language.html_lang if language else "") or code


def locale(code: str) -> str:
    """The locale for dates in the language."""
    language = languages().get(code)
    return (language.locale if language else "") or DEFAULT_LANGUAGE


def answer_language(slot_language: Any, easy_read: Any = False) -> str:
    """The language an answer is written in, from the slots `language` and `leichte_sprache`."""
    language = str(slot_language or DEFAULT_LANGUAGE)
    if language == DEFAULT_LANGUAGE and easy_read:
        return EASY_READ
    return language if language in ANSWER_LANGUAGES else DEFAULT_LANGUAGE


@lru_cache(maxsize=2)
def _identifier(candidates: tuple[str, ...]) -> Any:
    """py3langid restricted to `candidates`, loaded on first use."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(candidates))
    return identifier


def detect_language(text: str) -> str | None:
    """Any of the candidate languages when py3langid is at least 95 % sure, else None."""
    language, probability = _identifier(tuple(CANDIDATE_LANGUAGES)).classify(text)
    return language if probability >= 0.95 else None


def _script(text: str) -> str | None:
    """The writing system of most words (a German name in a Russian sentence is one word)."""
    tokens = _WORD.findall(text.lower())
    counts = {
        script: sum(bool(re.match(pattern, token)) for token in tokens) for script, pattern in SCRIPTS.items()
    }
    script, count = max(counts.items(), key=lambda item: item[1])
    return script if count else None


def _clear_winner(counts: dict[str, int]) -> str | None:
    """The language with the highest count when it is ahead of every other."""
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if ranked and ranked[0][1] and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


def message_language(text: str, statistical: bool = True) -> str | None:
    """Which of the bot's languages the message is in, or None when it is too short or mixed to tell."""
    script = _script(text)
    written = [code for code in DETECTED_LANGUAGES if languages()[code].detect.get("script") == script]
    lowered = text.lower()
    tokens = _WORD.findall(lowered)
    romanised = _romanised(tokens) if script == "latin" else None
    if romanised or len(written) <= 1:
        return romanised or (written[0] if written else None)
    letters = {
        code: sum(char in lowered for char in languages()[code].detect.get("letters", "")) for code in written
    }
    by_words = {code: sum(token in languages()[code].function_words for token in tokens) for code in written}
    clear = _clear_winner(by_words)
    if clear and (not any(letters.values()) or letters[clear] or max(by_words.values()) >= 2):
        return clear
    clear = _clear_winner(letters)
    if clear:
        return clear
    if statistical and len(tokens) >= MIN_WORDS_FOR_STATISTICS:
        language, probability = _identifier(tuple(written)).classify(text)
        return language if probability >= 0.9 else None
    return None


def _romanised(tokens: list[str]) -> str | None:
    """A language of another script typed in Latin letters ("shu ya3ni"): two of its words, most of all."""
    counts = {
        code: sum(token in language.words_in_latin_letters for token in tokens)
        for code, language in languages().items()
        if language.detect
    }
    clear = _clear_winner(counts)
    latin_script = languages()[clear].detect.get("script") == "latin" if clear else True
    return None if latin_script or counts[clear] < MIN_ROMANISED_WORDS else clear


class Languages:
    """The answer language of recent conversations (least recently seen ones are forgotten)."""

    def __init__(self, capacity: int = KNOWN_LANGUAGES) -> None:
        """Remember at most `capacity` conversations."""
        self.capacity = capacity
        self.known: OrderedDict[Hashable, str] = OrderedDict()

    def remember(self, conversation: Hashable, language: Any) -> None:
        """Note the conversation's language when it is one the bot answers in."""
        if language in ANSWER_LANGUAGES:
            self.known[conversation] = language
            self.known.move_to_end(conversation)
            while len(self.known) > self.capacity:
                self.known.popitem(last=False)

    def remember_text(self, conversation: Hashable, text: str) -> None:
        """Note the language the resident wrote `text` in, when it is clear; else keep the one known."""
        self.remember(conversation, message_language(text))

    def of(self, conversation: Hashable) -> str:
        """The conversation's language, German when unknown."""
        return self.known.get(conversation, DEFAULT_LANGUAGE)


def in_all_languages(section: str, name: str, builtin: dict[str, str]) -> dict[str, str]:
    """German and English texts written in code, plus the text `name` of `section` in every language file."""
    texts = dict(builtin)
    for code, language in languages().items():
        text = language.texts.get(section, {}).get(name)
        if text and code not in texts:
            texts[code] = text
    return texts
