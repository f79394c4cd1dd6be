"""Funding for integration and participation projects (MIA-DO-KI, KOMM-AN NRW)."""

from __future__ import annotations

from bot.actions.common import TopicAnswer


class AnswerFunding(TopicAnswer):
    """Answers from the knowledge-base topic 'funding'."""

    topic = "funding"

    def name(self) -> str:
        """The action name in domain.yml."""
        return "action_answer_funding"
