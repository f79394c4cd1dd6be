"""The one answer action: every topic question, follow-up and answer button is answered here."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from bot.actions.choice import Choice, choose_entry
from bot.actions.common import entry_button, knowledge_session, topic_title
from bot.actions.details import missing_detail
from bot.actions.rendering import Answer
from bot.actions.texts import conversation_language, interface_text
from bot.language import DEFAULT_LANGUAGE

logger = logging.getLogger(__name__)
# The key of the bot message's metadata that names the knowledge entry it answered with.
ANSWERED_ENTRY = "knowledge_entry"
# The intent of the button under a translation: the same entry in German, the binding original.
SHOW_ORIGINAL = "show_original"


def original_button(entry_slug: str, language: str, domain: dict[str, Any]) -> dict[str, str]:
    """The button that shows the German original of a translated answer."""
    title = interface_text(domain, "utter_button_german_original", language)
    return {"title": title, "payload": f'/{SHOW_ORIGINAL}{{"{ANSWERED_ENTRY}": "{entry_slug}"}}'}


def last_answered_entry(tracker: Tracker) -> str | None:
    """The entry of the bot's latest answer (its message metadata), for "show me the original"."""
    for event in reversed(tracker.events):
        slug = (event.get("metadata") or {}).get(ANSWERED_ENTRY) if event.get("event") == "bot" else None
        if slug:
            return str(slug)
    return None


def compose_reply(choice: Choice, question: str, language: str, domain: dict[str, Any]) -> dict[str, Any]:
    """The message for a choice: the answer, two answers to choose from, or the page for a missing fact."""
    topic, entry = choice.topic, choice.entry
    if choice.alternatives:
        buttons = [entry_button(alternative, language) for alternative in choice.alternatives]
        text = interface_text(domain, "utter_clarify_answers", language)
        return {"text": text, "buttons": buttons, "metadata": {"language": language}}
    detail = missing_detail(question, entry.answer)
    if detail is not None:
        text = interface_text(
            domain,
            f"utter_gap_{detail}",
            language,
            topic=topic_title(topic, language),
            official_url=topic.official_url,
        )
        return {"text": text, "metadata": {"language": language}}
    answer = Answer.from_entry(entry, language, date.today(), choice.placeholders)
    # Stored with the bot message (its metadata): statistics count answers per entry; the widget marks the
    # message's language for screen readers.
    reply = {
        "text": answer.render(domain),
        ANSWERED_ENTRY: entry.slug,
        "metadata": {"language": answer.text_language},
    }
    if answer.translation == "unreviewed":
        reply["buttons"] = [original_button(entry.slug, language, domain)]
    return reply


def original_request(message: dict[str, Any], tracker: Tracker) -> dict[str, Any]:
    """The message naming the entry whose original is asked for (the button's, else the latest answer's)."""
    if any(entity.get("entity") == ANSWERED_ENTRY for entity in message.get("entities") or []):
        return message
    slug = last_answered_entry(tracker)
    entities = [{"entity": ANSWERED_ENTRY, "value": slug}] if slug else []
    return {**message, "entities": entities}


class AnswerQuestion(Action):
    """Answers from the knowledge base with the entry that fits the message, in the resident's language."""

    def name(self) -> str:
        """The action name in domain.yml."""
        return "action_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Choose the entry, send it with its source, and remember the topic for follow-ups."""
        language = conversation_language(tracker)
        message = tracker.latest_message or {}
        if (message.get("intent") or {}).get("name") == SHOW_ORIGINAL:
            language, message = DEFAULT_LANGUAGE, original_request(message, tracker)
        try:
            with knowledge_session() as session:
                choice = choose_entry(session, message, tracker.get_slot("topic"))
                reply = (
                    compose_reply(choice, message.get("text") or "", language, domain)
                    if choice.entry
                    else None
                )
                topic = choice.topic.slug if choice.topic else None
        except SQLAlchemyError:
            logger.exception("knowledge base not reachable")
            dispatcher.utter_message(response="utter_knowledge_unavailable")
            return []
        if reply is None:
            dispatcher.utter_message(response="utter_ask_topic_for_followup")
            return []
        dispatcher.utter_message(**reply)
        return [SlotSet("topic", topic)]
