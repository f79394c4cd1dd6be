"""Which of the bot's languages a message is in, when that is clear (else the conversation's stays)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from bot.knowledge.text import words
from bot.languages import BOT_LANGUAGES

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


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """py3langid restricted to the bot's languages, loaded on first use."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(BOT_LANGUAGES))
    return identifier


def _statistical_guess(text: str) -> str | None:
    """py3langid's guess among the bot's languages, when it is at least 90 % sure."""
    language, probability = _identifier().classify(text)
    return language if probability >= 0.9 else None


def message_language(text: str, statistical: bool = True) -> str | None:
    """The language of the message, or None when it is too short or mixed to tell."""
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
