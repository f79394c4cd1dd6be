"""Büro für internationale Beziehungen and Dortmund's partner cities."""

from __future__ import annotations

from bot.actions.common import TopicAnswer


class AnswerInternationalRelations(TopicAnswer):
    """Answers from the knowledge-base topic 'international_relations'."""

    topic = "international_relations"

    def name(self) -> str:
        """The action name in domain.yml."""
        return "action_answer_international_relations"
