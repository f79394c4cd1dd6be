"""Interface texts from the domain's responses, in the conversation's language (languages are data)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

from bot.knowledge.rasa_data import variant_language
from bot.language import DEFAULT_LANGUAGE, EASY_READ_SLOT, LANGUAGE_SLOT, answer_language


def conversation_language(tracker: Tracker) -> str:
    """The language the resident writes in (or chose), Leichte Sprache when it is on; German before that."""
    return answer_language(tracker.get_slot(LANGUAGE_SLOT), tracker.get_slot(EASY_READ_SLOT))


def interface_text(domain: dict[str, Any], name: str, language: str, **values: Any) -> str:
    """The text of response `name` for the language (else the unconditioned one), with values filled in."""
    variants = (domain.get("responses") or {}).get(name) or []
    chosen = next((v for v in variants if variant_language(v) == language), None)
    chosen = chosen or next((v for v in variants if variant_language(v) == DEFAULT_LANGUAGE), {"text": ""})
    text = chosen.get("text") or ""
    for key, value in values.items():
        text = text.replace("{" + key + "}", str(value))
    return text
