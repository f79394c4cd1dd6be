"""Rahmenkonzept zur interkulturellen Öffnung der Stadtverwaltung."""

from __future__ import annotations

from bot.actions.common import TopicAnswer


class AnswerInterculturalOpening(TopicAnswer):
    """Answers from the knowledge-base topic 'intercultural_opening'."""

    topic = "intercultural_opening"

    def name(self) -> str:
        """The action name in domain.yml."""
        return "action_answer_intercultural_opening"
