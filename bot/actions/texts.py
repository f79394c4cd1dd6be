"""Interface texts from the domain's responses, in the conversation's language (languages are data)."""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml
from rasa_sdk import Tracker

from bot.knowledge.rasa_data import responses_in_all_languages, variant_language
from bot.language import DEFAULT_LANGUAGE, EASY_READ_SLOT, LANGUAGE_SLOT, answer_language
from bot.settings import ROOT


def conversation_language(tracker: Tracker) -> str:
    """The language the resident writes in (or chose), Leichte Sprache when it is on; German before that."""
    return answer_language(tracker.get_slot(LANGUAGE_SLOT), tracker.get_slot(EASY_READ_SLOT))


@cache
def bot_responses() -> dict[str, Any]:
    """The responses of the trained domain, generated as for training from domain.yml and the languages."""
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8")) or {}
    return responses_in_all_languages(domain.get("responses") or {})


def responses(domain: dict[str, Any]) -> dict[str, Any]:
    """The domain's responses; the bot's own when Rasa did not send the domain (it sends it to no action:
    serialising it for every call cost both servers more time than the answer)."""
    return domain.get("responses") or bot_responses()


def interface_text(domain: dict[str, Any], name: str, language: str, **values: Any) -> str:
    """The text of response `name` for the language (else the unconditioned one), with values filled in."""
    variants = responses(domain).get(name) or []
    chosen = next((v for v in variants if variant_language(v) == language), None)
    chosen = chosen or next((v for v in variants if variant_language(v) == DEFAULT_LANGUAGE), {"text": ""})
    text = chosen.get("text") or ""
    for key, value in values.items():
        text = text.replace("{" + key + "}", str(value))
    return text
