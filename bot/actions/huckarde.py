"""Hof- und Fassadenprogramm Huckarde-Nord and the Stadterneuerung Huckarde."""

from __future__ import annotations

from rasa_sdk import Tracker
from sqlalchemy.orm import Session

from bot.actions.common import Answer, TopicAnswer, entity_values
from bot.knowledge import queries


class AnswerHuckarde(TopicAnswer):
    """Answers questions on the programme; a district outside the programme area is told so."""

    topic = "huckarde"

    def name(self) -> str:
        """The action name in domain.yml."""
        return "action_answer_huckarde"

    def choose(self, session: Session, text: str, tracker: Tracker) -> Answer | None:
        """A district outside the programme area gets the 'not covered' entry."""
        for mention in entity_values(tracker, "district"):
            district = queries.resolve_entity(session, "district", mention)
            if district and not district.covered:
                entry = queries.entry_by_facet(session, self.topic, "district_not_covered")
                if entry:
                    return Answer.from_entry(entry, district=district.value)
        return super().choose(session, text, tracker)
