"""What residents are told when the bot's own safeguards answer instead of Rasa, in German and English."""

from __future__ import annotations

from bot.language import DEFAULT_LANGUAGE, in_all_languages

SLOW_DOWN = {
    "de": "Bitte etwas langsamer: Sie haben sehr viele Nachrichten kurz hintereinander geschickt. "
    "Warten Sie einen Moment und fragen Sie dann noch einmal.",
    "en": "Please slow down: you sent a lot of messages in a short time. Wait a moment and then ask again.",
}
FAULT = {
    "de": "Entschuldigung, ich kann Ihre Frage gerade nicht beantworten, weil ein Teil des Systems "
    "gestört ist. Bitte versuchen Sie es in ein paar Minuten noch einmal.",
    "en": "Sorry, I cannot answer your question right now because part of the system is not working. "
    "Please try again in a few minutes.",
}
TOO_LARGE = {
    "de": "Diese Nachricht ist zu groß. Bitte schreiben Sie Ihre Frage kürzer (höchstens 2.000 Zeichen).",
    "en": "This message is too large. Please ask your question in fewer words (at most 2,000 characters).",
}

# Other languages: knowledge/languages/<code>.yml, section `guard`.
SLOW_DOWN = in_all_languages("guard", "SLOW_DOWN", SLOW_DOWN)
FAULT = in_all_languages("guard", "FAULT", FAULT)
TOO_LARGE = in_all_languages("guard", "TOO_LARGE", TOO_LARGE)


def pick(texts: dict[str, str], language: object = None) -> str:
    """The text in the conversation's language, German when it is unknown or has no text."""
    return texts.get(str(language or DEFAULT_LANGUAGE), texts[DEFAULT_LANGUAGE])
