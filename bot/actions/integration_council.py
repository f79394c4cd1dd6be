"""Integrationsrat der Stadt Dortmund: members, tasks, elections and history."""

from __future__ import annotations

from bot.actions.common import TopicAnswer


class AnswerIntegrationCouncil(TopicAnswer):
    """Answers from the knowledge-base topic 'integration_council'."""

    topic = "integration_council"

    def name(self) -> str:
        """The action name in domain.yml."""
        return "action_answer_integration_council"
