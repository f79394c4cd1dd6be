"""MigraDO, the Dienstleistungszentrum Migration & Integration."""

from __future__ import annotations

from bot.actions.common import TopicAnswer


class AnswerMigrado(TopicAnswer):
    """Answers from the knowledge-base topic 'migrado'."""

    topic = "migrado"

    def name(self) -> str:
        """The action name in domain.yml."""
        return "action_answer_migrado"
