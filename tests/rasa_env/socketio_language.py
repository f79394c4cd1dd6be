"""Bot messages through the website channel's output as Rasa sends them; prints what reaches the socket."""

from __future__ import annotations

import asyncio
import json
import sys
from dataclasses import replace
from typing import Any

from rasa.core.actions.action import create_bot_utterance
from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa.shared.core.slots import TextSlot
from rasa.shared.core.trackers import DialogueStateTracker

from bot.channels.limits import Admission
from bot.channels.socketio import SocketIOInput, SocketIOOutput
from bot.guard.messages import LANGUAGES
from bot.settings import Settings

# A response in German and Arabic, each variant naming its language (as bot.knowledge.rasa_data writes them).
RESPONSES = {
    "utter_greet": [
        {"text": "Hallo!", "metadata": {"language": "de"}},
        {
            "text": "مرحبا!\n\nكيف أساعدك؟",
            "condition": [{"type": "slot", "name": "language", "value": "ar"}],
            "metadata": {"language": "ar"},
        },
    ]
}


class RecordingServer:
    """Stands in for python-socketio's AsyncServer: records every emit."""

    def __init__(self) -> None:
        """Nothing emitted yet."""
        self.emitted: list[dict[str, Any]] = []

    async def emit(self, event: str, data: Any = None, room: str | None = None, **_: Any) -> None:
        """Record one emit."""
        self.emitted.append({"event": event, "data": data, "room": room})

    async def enter_room(self, *_: Any, **__: Any) -> None:
        """A socket joins its conversation."""

    async def leave_room(self, *_: Any, **__: Any) -> None:
        """A socket leaves its conversation."""


async def action_messages(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Messages of custom actions (rasa_sdk's dispatcher format), sent as Rasa's processor sends them."""
    server = RecordingServer()
    output = SocketIOOutput(server, "bot_uttered")
    for message in messages:
        await output.send_response("room-1", create_bot_utterance(dict(message)).message())
    return server.emitted


async def response_in(language: str) -> list[dict[str, Any]]:
    """utter_greet from the domain's responses for a conversation in `language`."""
    slot = TextSlot("language", mappings=[{"type": "custom"}], initial_value=language)
    tracker = DialogueStateTracker("room-2", [slot])
    generator = TemplatedNaturalLanguageGenerator(RESPONSES)
    generated = await generator.generate("utter_greet", tracker, "socketio")
    server = RecordingServer()
    message = create_bot_utterance({**generated, "utter_action": "utter_greet"}).message()
    await SocketIOOutput(server, "bot_uttered").send_response("room-2", message)
    return server.emitted


def output_class_for_server_events() -> str:
    """The output the channel gives Rasa for messages the server starts (reminders, trigger_intent)."""
    channel = SocketIOInput()
    channel.sio = RecordingServer()  # type: ignore[assignment]
    return type(channel.get_output_channel()).__module__


async def slow_down_warning(language: str) -> list[dict[str, Any]]:
    """The "please slow down" answer to a conversation in `language` that sends faster than allowed."""
    channel = SocketIOInput()
    server = RecordingServer()
    channel.sio = server  # type: ignore[assignment]
    channel.admission = Admission(replace(Settings(), sender_rate_burst=1, rate_limit_exempt=""))
    channel.sockets["sid-1"] = {"address": "10.0.0.1"}
    sender = await channel.join("sid-1", None)
    LANGUAGES.remember(sender, language)

    async def handle(_: Any) -> None:
        """Rasa would answer here."""

    for _ in range(2):
        await channel.receive("sid-1", {"message": "Привіт"}, handle)
    return [emitted for emitted in server.emitted if emitted["event"] == "bot_uttered"]


async def main(messages: list[dict[str, Any]]) -> dict[str, Any]:
    """Everything the test looks at."""
    return {
        "actions": await action_messages(messages),
        "response_ar": await response_in("ar"),
        "response_de": await response_in("de"),
        "server_events": output_class_for_server_events(),
        "slow_down": {code: await slow_down_warning(code) for code in ("en", "uk")},
    }


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(json.loads(sys.argv[1]))), ensure_ascii=False))
