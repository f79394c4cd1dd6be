"""Turns through Rasa's Agent as bot.rasa_server installs it; prints the replies and /metrics as served."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from rasa.core.actions.action import RemoteAction
from rasa.core.agent import Agent
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot import rasa_server
from tests.ports import free_port


class Processor:
    """Stands in for Rasa's processor: answers, or fails on the text "fail"."""

    async def handle_message(self, message: UserMessage) -> Any:
        """One turn."""
        if message.text == "fail":
            raise RuntimeError("the action server is down")
        return [{"recipient_id": message.sender_id, "text": "Hallo!"}]


async def action_server_down() -> list[Any]:
    """The events of a custom action whose action server is not running (nothing listens on its port)."""
    endpoint = EndpointConfig(f"http://127.0.0.1:{free_port()}/webhook")
    tracker = DialogueStateTracker("d", [])
    return await RemoteAction("action_answer", endpoint).run(
        CollectingOutputChannel(), None, tracker, Domain.empty()
    )


def metrics_route() -> Any:
    """The GET /metrics handler of the app as Rasa configures it (once: Sanic app names are unique)."""
    import rasa.core.run

    app = rasa.core.run.configure_app(enable_api=False)
    return next(route for route in app.router.routes if route.path == "metrics").handler


async def turns() -> dict[str, Any]:
    """Two answered turns on REST, one failed on Socket.IO, one fallback, then an action server down: the
    failed replies and /metrics after the turns and after the action."""
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
    served_metrics = metrics_route()
    after_turns = (await served_metrics(None)).body.decode()
    fault = await action_server_down()
    return {
        "failed_turn_reply": failed,
        "metrics": after_turns,
        "action_fault_reply": [event.text for event in fault],
        "metrics_after_action_fault": (await served_metrics(None)).body.decode(),
    }


if __name__ == "__main__":
    print(json.dumps(asyncio.run(turns())))
