"""Rasa's own checks and bot.rasa_server's faster ones on the same inputs (run in the Rasa environment)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any

from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import Event

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


def main() -> None:
    """Print Rasa's outcomes and, after apply_speedups, ours."""
    replies, type_names = json.loads(sys.argv[1]), json.loads(sys.argv[2])
    rasa = outcomes(replies, type_names)
    rasa_server.apply_speedups()
    print(json.dumps({"rasa": rasa, "ours": outcomes(replies, type_names)}))


if __name__ == "__main__":
    main()
