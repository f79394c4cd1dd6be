"""Rasa's Socket.IO channel, hardened (Rasa environment).

- Only the allowed origins (RASA_CORS_ORIGINS) may connect, and packets are limited like REST bodies.
- The server issues each conversation id, signed; a socket writes only into the conversation it joined, and
  joining another ("Neues Gespräch") leaves the old one. Works with python-socketio >= 5.10 (async rooms).
- Typed text and payloads travel apart ({"message": …} or {"payload": …}); rate limits as on REST.
- Several Rasa servers (SOCKETIO_REDIS_URL): a reply reaches the browser through Redis from any server.
- Each bot message names its language (`lang`, from its metadata) for the widget's `lang` attributes.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput as RasaSocketIOInput
from rasa.core.channels.socketio import SocketIOOutput as RasaSocketIOOutput
from sanic import Blueprint

from bot.channels.limits import Admission, slow_down, slow_down_language
from bot.guard.inbound import message_fields
from bot.language import languages
from bot.ratelimit import Verdict
from bot.settings import Settings

logger = logging.getLogger(__name__)

# The language of the bot message being sent (per task, so parallel conversations do not mix).
_message_language: ContextVar[str | None] = ContextVar("bot_message_language", default=None)


def message_language(kwargs: dict[str, Any]) -> str | None:
    """The language a bot message names in its metadata ({"language": code}), when it is one of the bot's."""
    metadata = kwargs.get("metadata")
    code = metadata.get("language") if isinstance(metadata, dict) else None
    return code if isinstance(code, str) and code in languages() else None


@contextmanager
def speaking(kwargs: dict[str, Any]) -> Iterator[None]:
    """While a message is sent, every part of it carries its language."""
    token = _message_language.set(message_language(kwargs))
    try:
        yield
    finally:
        _message_language.reset(token)


class SocketIOOutput(RasaSocketIOOutput):
    """Rasa's Socket.IO output; each emitted bot message has the field `lang` when its metadata names one."""

    async def _send_message(self, socket_id: str, response: Any) -> None:
        """Emit one bot message with its language."""
        language = _message_language.get()
        if language and isinstance(response, dict):
            response = {**response, "lang": language}
        await super()._send_message(socket_id, response)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        """Text, one message per paragraph, each with the language."""
        with speaking(kwargs):
            await super().send_text_message(recipient_id, text, **kwargs)

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        """Text with quick replies, with the language."""
        with speaking(kwargs):
            await super().send_text_with_buttons(recipient_id, text, buttons, **kwargs)

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        """An image, with the language of its message."""
        with speaking(kwargs):
            await super().send_image_url(recipient_id, image, **kwargs)

    async def send_attachment(self, recipient_id: str, attachment: dict[str, Any], **kwargs: Any) -> None:
        """An attachment, with the language of its message."""
        with speaking(kwargs):
            await super().send_attachment(recipient_id, attachment, **kwargs)

    async def send_elements(self, recipient_id: str, elements: Any, **kwargs: Any) -> None:
        """Elements, with the language of their message."""
        with speaking(kwargs):
            await super().send_elements(recipient_id, elements, **kwargs)


class SessionIds:
    """Conversation ids the server issues: a random part and its HMAC, so clients cannot choose one."""

    def __init__(self, key: str) -> None:
        """Sign with `key` (SESSION_SECRET)."""
        self.key = key.encode()

    def _signature(self, random_part: str) -> str:
        return hmac.new(self.key, random_part.encode(), hashlib.sha256).hexdigest()[:32]

    def issue(self) -> str:
        """A new signed conversation id."""
        random_part = secrets.token_hex(16)
        return f"{random_part}.{self._signature(random_part)}"

    def valid(self, session_id: Any) -> bool:
        """True for an id this server issued."""
        if not isinstance(session_id, str) or session_id.count(".") != 1:
            return False
        random_part, signature = session_id.split(".")
        return hmac.compare_digest(signature, self._signature(random_part))


def origin_allowed(environ: dict[str, Any], allowed: list[str]) -> bool:
    """True when every origin is allowed, or the browser's Origin header is one of the allowed ones."""
    origin = environ.get("HTTP_ORIGIN")
    return "*" in allowed or origin is None or origin.rstrip("/") in {item.rstrip("/") for item in allowed}


def client_address(environ: dict[str, Any]) -> str:
    """The client's address as Sanic sees it (forwarded headers only when Sanic is told to trust them)."""
    request = environ.get("sanic.request")
    return str(getattr(request, "remote_addr", "") or getattr(request, "ip", "") or "unknown")


def share_rooms(sio: Any, redis_url: str) -> None:
    """With several Rasa servers: emits go through Redis and reach their room on whichever server it is."""
    if redis_url:
        from socketio import AsyncRedisManager

        manager = AsyncRedisManager(redis_url, channel="dortmund_bot_socketio")
        manager.set_server(sio)
        sio.manager = manager


class SocketIOInput(RasaSocketIOInput):
    """Rasa 3.6's SocketIOInput with origin check, signed conversation ids and rate limits."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Rasa's options; origins, packet limit, signing key and rate limits from the settings."""
        super().__init__(*args, **kwargs)
        self.settings = Settings()
        self.session_ids = SessionIds(self.settings.session_secret)
        self.admission = Admission(self.settings)
        self.sockets: dict[str, dict[str, str]] = {}  # socket id -> its address and conversation

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Rasa's blueprint with connect, session_request and the message handler replaced."""
        socketio_webhook = super().blueprint(on_new_message)
        sio = self.sio
        assert sio is not None
        sio.eio.max_http_buffer_size = self.settings.request_max_bytes
        share_rooms(sio, self.settings.socketio_redis_url)

        @sio.on("connect", namespace=self.namespace)
        async def connect(sid: str, environ: dict, auth: Any = None) -> bool:
            if not origin_allowed(environ, self.settings.allowed_origins):
                logger.warning("Socket.IO connection from an origin that is not allowed was refused")
                return False
            self.sockets[sid] = {"address": client_address(environ)}
            return True

        @sio.on("disconnect", namespace=self.namespace)
        async def disconnect(sid: str, *_: Any) -> None:
            self.sockets.pop(sid, None)

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: str, data: Any) -> None:
            await self.join(sid, data.get("session_id") if isinstance(data, dict) else None)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: str, data: Any) -> None:
            await self.receive(sid, data, on_new_message)

        return socketio_webhook

    def get_output_channel(self) -> SocketIOOutput | None:
        """The output for messages the server starts (reminders, the trigger_intent API), with languages."""
        output = super().get_output_channel()
        return SocketIOOutput(output.sio, output.bot_message_evt) if output else None

    async def join(self, sid: str, requested: Any) -> str:
        """Put the socket into the requested conversation if the server issued it, else into a new one."""
        assert self.sio is not None
        state = self.sockets.setdefault(sid, {"address": "unknown"})
        session_id = requested if self.session_ids.valid(requested) else self.session_ids.issue()
        previous = state.get("session_id")
        if previous and previous != session_id:
            await self.sio.leave_room(sid, previous, namespace=self.namespace)
        state["session_id"] = session_id
        await self.sio.enter_room(sid, session_id, namespace=self.namespace)
        await self.sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)
        return session_id

    async def receive(
        self, sid: str, data: Any, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> None:
        """Hand a message to Rasa under the socket's own conversation, within the rate limits."""
        assert self.sio is not None
        state = self.sockets.get(sid, {})
        sender = state.get("session_id") or await self.join(sid, None)
        verdict = self.admission.check(sender, state.get("address", "unknown"))
        if verdict is Verdict.WARN:
            warning = {"text": slow_down(sender), "lang": slow_down_language(sender)}
            await self.sio.emit(self.bot_message_evt, warning, room=sid)
        if verdict is not Verdict.ALLOW:
            return
        text, metadata = message_fields(data)
        output = SocketIOOutput(self.sio, self.bot_message_evt)
        await on_new_message(UserMessage(text, output, sender, input_channel=self.name(), metadata=metadata))
