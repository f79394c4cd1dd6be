"""The resident chooses the answer language: the menu, "Leichte Sprache bitte", or asking to switch."""

from __future__ import annotations

import json
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.texts import conversation_language, interface_text
from bot.language import DEFAULT_LANGUAGE, EASY_READ, EASY_READ_SLOT, LANGUAGE_SLOT, languages


def language_buttons() -> list[dict[str, str]]:
    """One button per language, each named in itself."""
    return [
        {"title": language.name, "payload": f"/choose_language{json.dumps({LANGUAGE_SLOT: code})}"}
        for code, language in languages().items()
    ]


def chosen_language(tracker: Tracker) -> str | None:
    """The language the latest message asks for: a menu choice, or Leichte Sprache on or off."""
    message = tracker.latest_message or {}
    intent = (message.get("intent") or {}).get("name")
    if intent == "ask_easy_read":
        return EASY_READ
    if intent == "stop_easy_read":
        return DEFAULT_LANGUAGE
    for entity in message.get("entities") or []:
        # The menu's entity, not the one the NLU adds for the language the request is written in.
        if entity.get("entity") == LANGUAGE_SLOT and entity.get("extractor") != "ConversationLanguage":
            return str(entity.get("value")) if entity.get("value") in languages() else None
    return None


def slots_for(code: str) -> list[EventType]:
    """The slot values that make every following answer come in the language."""
    if code == EASY_READ:
        return [SlotSet(LANGUAGE_SLOT, DEFAULT_LANGUAGE), SlotSet(EASY_READ_SLOT, True)]
    return [SlotSet(LANGUAGE_SLOT, code), SlotSet(EASY_READ_SLOT, False)]


class ChooseLanguage(Action):
    """Switches the answer language, or shows the languages as buttons when the message names none."""

    def name(self) -> str:
        """The action name in domain.yml."""
        return "action_choose_language"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Set the language slots and confirm in the new language."""
        code = chosen_language(tracker)
        if code is None:
            language = conversation_language(tracker)
            text = interface_text(domain, "utter_choose_language", language)
            dispatcher.utter_message(text=text, buttons=language_buttons(), metadata={"language": language})
            return []
        response = (
            "utter_easy_read_off" if code == DEFAULT_LANGUAGE and tracker.get_slot(EASY_READ_SLOT) else None
        )
        text = interface_text(domain, response or "utter_language_chosen", code)
        dispatcher.utter_message(text=text, metadata={"language": code})
        return slots_for(code)
