"""The iCapital award 2021: European Capital of Innovation."""

from __future__ import annotations

from bot.actions.common import TopicAnswer


class AnswerIcapital(TopicAnswer):
    """Answers from the knowledge-base topic 'icapital'."""

    topic = "icapital"

    def name(self) -> str:
        """The action name in domain.yml."""
        return "action_answer_icapital"
