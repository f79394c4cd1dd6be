"""The languages the bot answers in; German is the binding original of every answer."""

from __future__ import annotations

DEFAULT_LANGUAGE = "de"
BOT_LANGUAGES = ("de", "en")
# The slot (and NLU entity) that holds the conversation's language.
LANGUAGE_SLOT = "language"
