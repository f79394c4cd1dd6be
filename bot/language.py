"""Which language a resident writes in (py3langid), and the language of recent conversations."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from functools import lru_cache
from typing import Any

# Languages residents of Dortmund often write in; German and English are the ones the bot understands.
CANDIDATE_LANGUAGES = [
    "de",
    "en",
    "tr",
    "ar",
    "ru",
    "uk",
    "pl",
    "ro",
    "bg",
    "el",
    "it",
    "es",
    "fr",
    "fa",
    "sq",
]
ANSWER_LANGUAGES = ("de", "en")  # the bot's own messages exist in these; German is the default
DEFAULT_LANGUAGE = "de"
KNOWN_LANGUAGES = 10_000  # conversations whose language is remembered


@lru_cache(maxsize=1)
def _language_identifier() -> Any:
    """py3langid restricted to the languages that matter here, loaded on first use."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)
    identifier.set_languages(CANDIDATE_LANGUAGES)
    return identifier


def detect_language(text: str) -> str | None:
    """The language of a message when py3langid is at least 95 % sure, else None."""
    language, probability = _language_identifier().classify(text)
    return language if probability >= 0.95 else None


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
        self.remember(conversation, detect_language(text))

    def of(self, conversation: Hashable) -> str:
        """The conversation's language, German when unknown."""
        return self.known.get(conversation, DEFAULT_LANGUAGE)
