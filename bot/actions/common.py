"""What every topic action shares: a knowledge-base session and an answer with its source."""

from __future__ import annotations

import logging
import re
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, ClassVar

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.knowledge import queries
from bot.knowledge.db import get_sessionmaker
from bot.knowledge.models import Entry

logger = logging.getLogger(__name__)
# A line break inside a sentence (not after . : ! ? or a blank line, not before a bullet).
BREAK_INSIDE_SENTENCE = re.compile(r"(?<![.:!?)\n])\n(?![\n•])")


@dataclass(frozen=True)
class Answer:
    """A knowledge-base entry ready to send: text with filled placeholders, source and as-of date."""

    text: str
    source_url: str
    as_of: str
    uncertain: str | None = None

    @classmethod
    def from_entry(cls, entry: Entry, **placeholders: str) -> Answer:
        """Copy an entry out of its session and fill placeholders such as {language}."""
        text = BREAK_INSIDE_SENTENCE.sub(" ", entry.answer.strip())
        for key, value in placeholders.items():
            text = text.replace("{" + key + "}", value)
        as_of = entry.as_of.strftime("%d.%m.%Y") if entry.as_of else "Seite ohne Datum"
        return cls(text, entry.source_url, as_of, entry.uncertain)

    def send(self, dispatcher: CollectingDispatcher) -> None:
        """Send the answer through the domain's answer template, which adds source and as-of date."""
        values = {"answer": self.text, "source_url": self.source_url, "as_of": self.as_of}
        if self.uncertain:
            dispatcher.utter_message(response="utter_answer_uncertain", uncertain=self.uncertain, **values)
        else:
            dispatcher.utter_message(response="utter_answer", **values)


@contextmanager
def knowledge_session() -> Iterator[Session]:
    """A short read transaction on the knowledge base."""
    with get_sessionmaker().begin() as session:
        yield session


def entity_values(tracker: Tracker, kind: str) -> list[str]:
    """Values of one entity kind in the resident's latest message."""
    entities = tracker.latest_message.get("entities") or []
    return [str(entity["value"]) for entity in entities if entity.get("entity") == kind]


class TopicAnswer(Action, ABC):
    """Answers a question on one knowledge-base topic with the entry that fits the question best."""

    topic: ClassVar[str]

    @abstractmethod
    def name(self) -> str:
        """The action name in domain.yml."""

    def choose(self, session: Session, text: str, tracker: Tracker) -> Answer | None:
        """The answer for this message; topics with entities refine this."""
        entry = queries.best_entry(session, self.topic, text)
        return Answer.from_entry(entry) if entry else None

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Look the answer up, send it with its source and remember the topic for follow-ups."""
        text = tracker.latest_message.get("text") or ""
        try:
            with knowledge_session() as session:
                answer = self.choose(session, text, tracker)
        except SQLAlchemyError:
            logger.exception("knowledge base not reachable")
            dispatcher.utter_message(response="utter_knowledge_unavailable")
            return []
        if answer is None:
            dispatcher.utter_message(response="utter_default")
            return []
        answer.send(dispatcher)
        return [SlotSet("topic", self.topic)]
