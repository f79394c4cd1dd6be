"""Rasa's REST channel, hardened: typed text and payloads apart, rate limits, no message text in the log."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput as RasaRestInput
from sanic import Blueprint, response
from sanic.exceptions import InvalidUsage
from sanic.request import Request

from bot.channels.limits import MAX_SENDER_CHARS, Admission, slow_down
from bot.guard.inbound import message_fields
from bot.ratelimit import Verdict
from bot.settings import Settings

logger = logging.getLogger(__name__)


def request_body(request: Request) -> tuple[str, str, dict[str, Any]]:
    """Sender, text and metadata of a POST body {"sender", "message" | "payload", "metadata"}; else 400."""
    body = request.json
    if not isinstance(body, dict):
        raise InvalidUsage("The body must be a JSON object with sender and message.")
    sender = body.get("sender")
    if not isinstance(sender, str) or not 0 < len(sender) <= MAX_SENDER_CHARS:
        raise InvalidUsage(f"sender must be a string of 1 to {MAX_SENDER_CHARS} characters.")
    text, metadata = message_fields(body)
    return sender, text, metadata


class RestInput(RasaRestInput):
    """POST /webhooks/rest/webhook with {"sender", "message"} (typed text) or {"sender", "payload"}."""

    def __init__(self) -> None:
        """Rate limits from the settings."""
        self.admission = Admission(Settings())

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """The health route and the webhook (no streaming)."""
        webhook = Blueprint("custom_webhook_RestInput", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> response.HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> response.HTTPResponse:
            sender, text, metadata = request_body(request)
            address = request.remote_addr or request.ip
            verdict = self.admission.check(sender, address)
            if verdict is not Verdict.ALLOW:
                await self.admission.hold_refusal(sender, address)
                answer = [{"recipient_id": sender, "text": slow_down(sender)}]
                return response.json(answer if verdict is Verdict.WARN else [], status=429)
            collector = CollectingOutputChannel()
            message = UserMessage(text, collector, sender, input_channel=self.name(), metadata=metadata)
            try:
                await on_new_message(message)
            except Exception:  # noqa: BLE001 - logged without the message text (personal data)
                logger.exception("Could not handle a REST message")
            return response.json(collector.messages)

        return webhook
