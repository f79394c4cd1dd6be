"""Follow-up questions ("Und bis wann?", "Und auf Arabisch?") answered within the current topic."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

import bot.actions
from bot.actions.common import TopicAnswer, knowledge_session
from bot.knowledge import queries

ENTITY_KINDS = ("hsu_language", "district", "funding_programme", "event")


def topic_actions() -> dict[str, type[TopicAnswer]]:
    """Every topic action of this package, by knowledge-base topic."""
    for module in pkgutil.iter_modules(bot.actions.__path__):
        importlib.import_module(f"bot.actions.{module.name}")
    found: dict[str, type[TopicAnswer]] = {}
    pending = list(TopicAnswer.__subclasses__())
    while pending:
        action = pending.pop()
        found[action.topic] = action
        pending.extend(action.__subclasses__())
    return found


def topic_named_in(tracker: Tracker) -> str | None:
    """The topic of a language, district, programme or event named in the latest message."""
    entities = [e for e in tracker.latest_message.get("entities") or [] if e.get("entity") in ENTITY_KINDS]
    if not entities:
        return None
    with knowledge_session() as session:
        for entity in entities:
            value = queries.resolve_entity(session, entity["entity"], str(entity["value"]))
            if value is not None:
                return value.topic.slug
    return "hsu" if any(e["entity"] == "hsu_language" for e in entities) else None


class AnswerFollowup(Action):
    """Answers a short follow-up question within the topic named in it or talked about last."""

    def name(self) -> str:
        """The action name in domain.yml."""
        return "action_answer_followup"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Hand the question to the action of the topic, or ask which topic is meant."""
        try:
            topic = topic_named_in(tracker) or tracker.get_slot("topic")
        except SQLAlchemyError:
            dispatcher.utter_message(response="utter_knowledge_unavailable")
            return []
        action = topic_actions().get(topic or "")
        if action is None:
            dispatcher.utter_message(response="utter_ask_topic_for_followup")
            return []
        return await action().run(dispatcher, tracker, domain)
