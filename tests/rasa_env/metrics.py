"""Turns through Rasa's Agent as bot.rasa_server installs it; prints the replies and /metrics as served."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from rasa.core.agent import Agent
from rasa.core.channels.channel import UserMessage
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot import rasa_server


class Processor:
    """Stands in for Rasa's processor: answers, or fails on the text "fail"."""

    async def handle_message(self, message: UserMessage) -> Any:
        """One turn."""
        if message.text == "fail":
            raise RuntimeError("the action server is down")
        return [{"recipient_id": message.sender_id, "text": "Hallo!"}]


async def turns() -> dict[str, Any]:
    """Two answered turns on REST, one failed on Socket.IO, one fallback; the failed reply and /metrics."""
    import rasa.core.run

    counted = rasa_server.install_all()  # speed-ups, guards and metrics in the server's order
    agent = Agent()
    agent.processor = Processor()  # type: ignore[assignment]
    await agent.handle_message(UserMessage("Hallo", sender_id="a", input_channel="rest"))
    await agent.handle_message(UserMessage("Was ist HSU?", sender_id="a", input_channel="rest"))
    failed = await agent.handle_message(UserMessage("fail", sender_id="b", input_channel="socketio"))
    tracker = DialogueStateTracker("c", [])
    tracker.update(UserUttered("blub", {"name": "nlu_fallback", "confidence": 0.2}))
    tracker.update(ActionExecuted("action_default_fallback"))
    counted.count_fallback(tracker)
    app = rasa.core.run.configure_app(enable_api=False)
    route = next(route for route in app.router.routes if route.path == "metrics")
    reply = await route.handler(None)
    return {"failed_turn_reply": failed, "metrics": reply.body.decode()}


if __name__ == "__main__":
    print(json.dumps(asyncio.run(turns())))
