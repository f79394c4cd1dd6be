"""Rasa's own checks and bot.rasa_server's faster ones on the same inputs (run in the Rasa environment)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any

from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot import rasa_server


def outcome(check: Callable[[Any], Any], argument: Any) -> list[Any]:
    """What a check gives for one input: ["ok", result] or ["error", exception type, message]."""
    try:
        return ["ok", str(check(argument))]
    except (ValidationError, ValueError) as error:
        return ["error", type(error).__name__, getattr(error, "message", str(error))]


def outcomes(replies: list[Any], type_names: list[str]) -> list[list[list[Any]]]:
    """Validation of each action server reply, and the event class of each type name."""
    action = RemoteAction("action_answer_hsu", None)
    return [
        [outcome(action._validate_action_result, reply) for reply in replies],
        [outcome(Event.resolve_by_type, name) for name in type_names],
    ]


def action_call(turns: int) -> dict[str, Any]:
    """The request the action server gets in a conversation of `turns` questions, each answered."""
    domain = Domain.from_dict({"slots": {"topic": {"type": "text", "mappings": [{"type": "custom"}]}}})
    tracker = DialogueStateTracker("resident", domain.slots)
    for turn in range(1, turns + 1):
        at = float(turn)  # fixed times: both calls describe the same conversation
        tracker.update(UserUttered(f"Frage {turn}", {"name": "ask_hsu", "confidence": 0.9}, timestamp=at))
        tracker.update(ActionExecuted("action_answer", timestamp=at))
        tracker.update(
            BotUttered(f"Antwort {turn}", metadata={"answered_entry": f"entry_{turn}"}, timestamp=at)
        )
        tracker.update(SlotSet("topic", f"topic_{turn}", timestamp=at))
        tracker.update(ActionExecuted("action_listen", timestamp=at))
    tracker.update(
        UserUttered("Original bitte", {"name": "show_original", "confidence": 0.9}, timestamp=99.0)
    )
    action = RemoteAction("action_answer", None)
    return action._action_call_format(tracker, domain)


def main() -> None:
    """Print Rasa's outcomes and, after apply_speedups, ours."""
    replies, type_names = json.loads(sys.argv[1]), json.loads(sys.argv[2])
    rasa = outcomes(replies, type_names) + [action_call(1), action_call(12)]
    rasa_server.apply_speedups()
    ours = outcomes(replies, type_names) + [action_call(1), action_call(12)]
    print(json.dumps({"rasa": rasa, "ours": ours}))


if __name__ == "__main__":
    main()
