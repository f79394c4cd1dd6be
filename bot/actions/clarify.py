"""Unsure which topic the resident means: offer the likeliest answer of each of the two likeliest topics."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from bot.actions.choice import choose_entry
from bot.actions.common import entry_button, knowledge_session
from bot.actions.texts import conversation_language, interface_text

# The second topic must have at least this confidence for the message to count as ambiguous between two.
MIN_SECOND_CONFIDENCE = 0.2


def likeliest_topic_intents(tracker: Tracker) -> list[str]:
    """The two highest-ranked intents of the latest message, in ranking order."""
    ranking = tracker.latest_message.get("intent_ranking") or []
    intents = [item for item in ranking if item.get("name") not in (None, "nlu_fallback")]
    top_two = intents[:2]
    if len(top_two) < 2 or top_two[1].get("confidence", 0.0) < MIN_SECOND_CONFIDENCE:
        return []
    return [item["name"] for item in top_two]


class ClarifyTopic(Action):
    """For an ambiguous message, the likeliest answers of two topics as buttons; else 'I don't know'."""

    def name(self) -> str:
        """The action name in domain.yml."""
        return "action_clarify_topic"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Offer two answer buttons when both intents are knowledge-base topics."""
        language = conversation_language(tracker)
        buttons = []
        try:
            with knowledge_session() as session:
                for intent in likeliest_topic_intents(tracker):
                    parse = {**tracker.latest_message, "intent": {"name": intent}, "entities": []}
                    choice = choose_entry(session, parse, None)
                    if choice.topic is not None and choice.entry is not None:
                        buttons.append(entry_button(choice.entry, language))
        except SQLAlchemyError:
            buttons = []
        if len(buttons) == 2:
            dispatcher.utter_message(text=interface_text(domain, "utter_clarify", language), buttons=buttons)
        else:
            dispatcher.utter_message(response="utter_default")
        return []
