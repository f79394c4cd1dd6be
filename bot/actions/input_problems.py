"""Empty, too long, emoji-only, markup-only or foreign-language messages get a clear explanation."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.texts import responses
from bot.nlu.input_check import MAX_MESSAGE_CHARS


class ExplainInputProblem(Action):
    """Explains what was wrong with the message, with the response for the problem the NLU noted."""

    def name(self) -> str:
        """The action name in domain.yml."""
        return "action_explain_input_problem"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Pick utter_input_problem_<kind>, or the general one when the NLU noted no problem."""
        problem = tracker.latest_message.get("input_problem") or "unclear"
        response = f"utter_input_problem_{problem}"
        if response not in responses(domain):
            response = "utter_input_problem_unclear"
        length = tracker.latest_message.get("input_length") or len(tracker.latest_message.get("text") or "")
        dispatcher.utter_message(
            response=response,
            input_length=f"{length:,}".replace(",", "."),
            max_length=f"{MAX_MESSAGE_CHARS:,}".replace(",", "."),
        )
        return []
