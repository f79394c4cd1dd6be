"""Privacy of this chat: what is stored, for how long."""

from __future__ import annotations

from bot.actions.common import TopicAnswer


class AnswerPrivacy(TopicAnswer):
    """Answers from the knowledge-base topic 'privacy'."""

    topic = "privacy"

    def name(self) -> str:
        """The action name in domain.yml."""
        return "action_answer_privacy"
