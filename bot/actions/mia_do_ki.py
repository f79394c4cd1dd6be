"""Kommunales Integrationszentrum Dortmund (MIA-DO-KI)."""

from __future__ import annotations

from bot.actions.common import TopicAnswer


class AnswerMiaDoKi(TopicAnswer):
    """Answers from the knowledge-base topic 'mia_do_ki'."""

    topic = "mia_do_ki"

    def name(self) -> str:
        """The action name in domain.yml."""
        return "action_answer_mia_do_ki"
