"""'What can you do?': the topics of the knowledge base."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from bot.actions.common import knowledge_session
from bot.knowledge import queries


class ListCapabilities(Action):
    """Lists the topics the knowledge base covers, so a new topic shows up without code."""

    def name(self) -> str:
        """The action name in domain.yml."""
        return "action_list_capabilities"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Send the list of topics, each also as a quick-reply button."""
        try:
            with knowledge_session() as session:
                topics = [(topic.title, f"/{topic.intent}") for topic in queries.list_topics(session)]
        except SQLAlchemyError:
            dispatcher.utter_message(response="utter_knowledge_unavailable")
            return []
        dispatcher.utter_message(
            response="utter_capabilities_intro",
            topic_list="\n".join(f"• {title}" for title, _ in topics),
            buttons=[{"title": title, "payload": payload} for title, payload in topics],
        )
        return []
