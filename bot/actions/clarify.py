"""Unsure what the resident means: offer the two likeliest topics, or say honestly "I don't know"."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from bot.actions.common import knowledge_session
from bot.knowledge import queries

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
    """For an ambiguous message, two topic buttons; otherwise an honest 'I don't know'."""

    def name(self) -> str:
        """The action name in domain.yml."""
        return "action_clarify_topic"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Offer buttons for two topics when both are knowledge-base topics."""
        intents = likeliest_topic_intents(tracker)
        try:
            with knowledge_session() as session:
                topics = [queries.topic_by_intent(session, intent) for intent in intents]
                buttons = [{"title": t.title, "payload": f"/{t.intent}"} for t in topics if t is not None]
        except SQLAlchemyError:
            buttons = []
        if len(buttons) == 2:
            dispatcher.utter_message(response="utter_clarify", buttons=buttons)
        else:
            dispatcher.utter_message(response="utter_default")
        return []
