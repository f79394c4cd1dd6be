"""Herkunftssprachlicher Unterricht (HSU): general questions and questions about one language."""

from __future__ import annotations

from rasa_sdk import Tracker
from sqlalchemy.orm import Session

from bot.actions.common import Answer, TopicAnswer, entity_values
from bot.knowledge import queries


class AnswerHsu(TopicAnswer):
    """Answers HSU questions; a named language gets the answer for that language."""

    topic = "hsu"

    def name(self) -> str:
        """The action name in domain.yml."""
        return "action_answer_hsu"

    def choose(self, session: Session, text: str, tracker: Tracker) -> Answer | None:
        """A language in the message decides between 'offered' and 'not on the list'."""
        for mention in entity_values(tracker, "hsu_language"):
            hsu_language = queries.resolve_entity(session, "hsu_language", mention)
            facet = "language_covered" if hsu_language and hsu_language.covered else "language_not_covered"
            entry = queries.entry_by_facet(session, self.topic, facet)
            if entry:
                name = hsu_language.value if hsu_language else mention.capitalize()
                return Answer.from_entry(entry, language=name)
        return super().choose(session, text, tracker)
