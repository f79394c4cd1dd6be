"""The bot's languages, which language a resident writes in, and the language of recent conversations."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from functools import lru_cache
from typing import Any

from bot.knowledge.text import words

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
# The bot answers in these; German is the default and the binding original of every answer.
ANSWER_LANGUAGES = ("de", "en")
DEFAULT_LANGUAGE = "de"
# The slot (and NLU entity) that holds the conversation's language.
LANGUAGE_SLOT = "language"
# Small function words: a message that uses more of one language's words is in that language.
FUNCTION_WORDS = {
    "de": set(
        "der die das den dem des und oder ist sind ich sie du wir ihr wie was wo wann wer warum "
        "welche welcher ein eine einen einem nicht mit fuer auf gibt es kann koennen mein meine muss "
        "bis viel hallo danke bitte auch noch von zu im am beim bei ja nein".split()
    ),
    "en": set(
        "the a an and or is are was were you your i my we what where how when who why which can "
        "could do does did to for of on with there any hello hi thanks thank please yes no apply "
        "much many".split()
    ),
}
# Fewer words than this give py3langid too little to go on.
MIN_WORDS_FOR_STATISTICS = 4
KNOWN_LANGUAGES = 10_000  # conversations whose language is remembered


@lru_cache(maxsize=2)
def _identifier(languages: tuple[str, ...]) -> Any:
    """py3langid restricted to `languages`, loaded on first use."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(languages))
    return identifier


def detect_language(text: str) -> str | None:
    """Any of the candidate languages when py3langid is at least 95 % sure, else None."""
    language, probability = _identifier(tuple(CANDIDATE_LANGUAGES)).classify(text)
    return language if probability >= 0.95 else None


def _statistical_guess(text: str) -> str | None:
    """py3langid's guess among the bot's languages, when it is at least 90 % sure."""
    language, probability = _identifier(ANSWER_LANGUAGES).classify(text)
    return language if probability >= 0.9 else None


def message_language(text: str, statistical: bool = True) -> str | None:
    """Which of the bot's languages the message is in, or None when it is too short or mixed to tell."""
    tokens = words(text)
    counts = {
        language: sum(token in vocabulary for token in tokens)
        for language, vocabulary in FUNCTION_WORDS.items()
    }
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if ranked[0][1] > ranked[1][1]:
        return ranked[0][0]
    if statistical and len(tokens) >= MIN_WORDS_FOR_STATISTICS:
        return _statistical_guess(text)
    return None


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
