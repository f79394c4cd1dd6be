"""'What can you do?': the topics of the knowledge base."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from bot.actions.common import entry_button, knowledge_session, topic_title
from bot.actions.texts import conversation_language, interface_text
from bot.knowledge import queries


class ListCapabilities(Action):
    """Lists the topics the knowledge base covers, so a new topic shows up without code."""

    def name(self) -> str:
        """The action name in domain.yml."""
        return "action_list_capabilities"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Send the list of topics, each also as a button for the topic's overview."""
        language = conversation_language(tracker)
        try:
            with knowledge_session() as session:
                buttons = []
                for topic in queries.list_topics(session):
                    overview = queries.entry_by_facet(session, topic.slug, "overview")
                    buttons.append(entry_button(overview, language, title=topic_title(topic, language)))
        except SQLAlchemyError:
            dispatcher.utter_message(response="utter_knowledge_unavailable")
            return []
        topic_list = "\n".join(f"• {button['title']}" for button in buttons)
        text = interface_text(domain, "utter_capabilities_intro", language, topic_list=topic_list)
        dispatcher.utter_message(text=text, buttons=buttons)
        return []
