"""Events: IGA Metropole Ruhr 2027, UEFA EURO 2024 in Dortmund and the Internationale Woche."""

from __future__ import annotations

from bot.actions.common import TopicAnswer


class AnswerIga(TopicAnswer):
    """Answers on the IGA 2027, the Zukunftsgarten and the Emscher-Promenade."""

    topic = "iga"

    def name(self) -> str:
        """The action name in domain.yml."""
        return "action_answer_iga"


class AnswerEuro2024(TopicAnswer):
    """Answers on the UEFA EURO 2024 matches and fan zones in Dortmund."""

    topic = "euro2024"

    def name(self) -> str:
        """The action name in domain.yml."""
        return "action_answer_euro2024"


class AnswerInternationalWeek(TopicAnswer):
    """Answers on the Internationale Woche organised by the Integrationsrat."""

    topic = "international_week"

    def name(self) -> str:
        """The action name in domain.yml."""
        return "action_answer_international_week"
