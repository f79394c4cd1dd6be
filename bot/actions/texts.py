"""Interface texts from the domain's responses, in the conversation's language (languages are data)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

from bot.language import DEFAULT_LANGUAGE, LANGUAGE_SLOT


def conversation_language(tracker: Tracker) -> str:
    """The language the resident writes in, as the NLU last recognised it; German before that."""
    return tracker.get_slot(LANGUAGE_SLOT) or DEFAULT_LANGUAGE


def _variant_language(variant: dict[str, Any]) -> str | None:
    """The language a response variant is for, from its slot condition; None for the unconditioned one."""
    for condition in variant.get("condition") or []:
        if condition.get("type") == "slot" and condition.get("name") == LANGUAGE_SLOT:
            return condition.get("value")
    return None


def interface_text(domain: dict[str, Any], name: str, language: str, **values: Any) -> str:
    """The text of response `name` for the language (else the unconditioned one), with values filled in."""
    variants = (domain.get("responses") or {}).get(name) or []
    chosen = next((v for v in variants if _variant_language(v) == language), None)
    chosen = chosen or next((v for v in variants if _variant_language(v) is None), {"text": ""})
    text = chosen.get("text") or ""
    for key, value in values.items():
        text = text.replace("{" + key + "}", str(value))
    return text
