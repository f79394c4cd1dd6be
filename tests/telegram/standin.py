"""A local stand-in for the Telegram Bot API: serves the methods the gateway uses and records every call."""

from __future__ import annotations

import itertools
import json
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from tests.telegram.bot_api_methods import BOT_ID, BotApiMethods

TOKEN = f"{BOT_ID}:standin-token"
JSON_PARAMETERS = {"reply_markup", "link_preview_options", "allowed_updates", "reply_parameters", "commands"}
INTEGER_PARAMETERS = {"chat_id", "message_id", "offset", "limit", "timeout", "max_connections"}


@dataclass
class Call:
    """One Bot API request as the stand-in received it."""

    method: str
    params: dict[str, Any]
    status: int
    at: float = field(default_factory=time.monotonic)


@dataclass
class Fault:
    """An error answer for the next matching call."""

    method: str
    status: int
    body: dict[str, Any]
    chat_id: int | None = None


def _parse_params(query: str, content_type: str, body: bytes) -> dict[str, Any]:
    """Parameters from the query string and a JSON or form-encoded body, decoded like the Bot API does."""
    params: dict[str, Any] = dict(parse_qsl(query))
    if body and content_type.startswith("application/json"):
        params.update(json.loads(body))
    elif body:
        params.update(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    for key, value in list(params.items()):
        if isinstance(value, str) and key in JSON_PARAMETERS:
            params[key] = json.loads(value)
        elif isinstance(value, str) and key in INTEGER_PARAMETERS and value.lstrip("-").isdigit():
            params[key] = int(value)
    return params


class BotApiStandIn(BotApiMethods):
    """Bot API on 127.0.0.1: getUpdates long-polls a queue that the test feeds; sent messages are kept."""

    def __init__(self) -> None:
        """Create the stand-in; `start()` opens the port."""
        self.calls: list[Call] = []
        self.webhook: dict[str, Any] | None = None
        self._condition = threading.Condition()
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._query_ids = itertools.count(1)
        self._chats: dict[int, dict[str, Any]] = {}
        self.language_codes: dict[int, str] = {}  # the language of the user's Telegram app, per chat
        self._sent: dict[tuple[int, int], dict[str, Any]] = {}
        self._by_chat: dict[tuple[str, int], list[Call]] = {}  # successful calls per (method, chat_id)
        self._faults: list[Fault] = []
        self._closing = False
        self._server: ThreadingHTTPServer | None = None

    # --- lifecycle ---------------------------------------------------------------------------------------

    def start(self) -> BotApiStandIn:
        """Serve on a free loopback port in a background thread."""
        standin = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as the real Bot API
            disable_nagle_algorithm = True  # headers and body go out as separate writes

            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                standin._handle(self)

            do_GET = do_POST  # noqa: N815

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                return

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            request_queue_size = 128

            def handle_error(self, request: Any, client_address: Any) -> None:
                if not isinstance(sys.exc_info()[1], ConnectionError):  # e.g. a stopped gateway's connection
                    super().handle_error(request, client_address)

        self._server = Server(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, name="bot-api-standin", daemon=True).start()
        return self

    def stop(self) -> None:
        """Release waiting long polls and close the port."""
        with self._condition:
            self._closing = True
            self._condition.notify_all()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def base_url(self) -> str:
        """What the gateway gets as TELEGRAM_API_URL (python-telegram-bot appends the token)."""
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}/bot"

    # --- feeding updates ---------------------------------------------------------------------------------

    def push(self, *updates: dict[str, Any]) -> list[int]:
        """Queue updates (without update_id) for getUpdates, all at once; returns their ids."""
        with self._condition:
            ids = []
            for update in updates:
                update_id = next(self._update_ids)
                self._updates.append({"update_id": update_id, **update})
                ids.append(update_id)
            self._condition.notify_all()
        return ids

    def send_text(self, chat_id: int, text: str, chat_type: str = "private", **extra: Any) -> int:
        """Queue one text message from the chat; returns its update id."""
        return self.push(self.text_update(chat_id, text, chat_type, **extra))[0]

    def press(self, chat_id: int, bot_message: dict[str, Any], data: str) -> str:
        """Queue a press of the inline button with `data` under a bot message; returns the query id."""
        query_id = str(next(self._query_ids))
        query = {
            "id": query_id,
            "from": self.user(chat_id),
            "chat_instance": f"instance-{chat_id}",
            "message": self._sent.get((chat_id, bot_message["message_id"]), bot_message),
            "data": data,
        }
        self.push({"callback_query": query})
        return query_id

    def fail_next(
        self, method: str, status: int, chat_id: int | None = None, retry_after: int | None = None
    ) -> None:
        """Answer the next call of `method` (for `chat_id`, if given) with an HTTP error, as Telegram does."""
        descriptions = {429: f"Too Many Requests: retry after {retry_after}", 502: "Bad Gateway"}
        body: dict[str, Any] = {
            "ok": False,
            "error_code": status,
            "description": descriptions.get(status, "Error"),
        }
        if retry_after is not None:
            body["parameters"] = {"retry_after": retry_after}
        with self._condition:
            self._faults.append(Fault(method, status, body, chat_id))

    # --- inspection --------------------------------------------------------------------------------------

    def calls_of(self, method: str, chat_id: int | None = None) -> list[Call]:
        """Successful calls of `method`, optionally only those for `chat_id`."""
        with self._condition:
            if chat_id is not None:
                return list(self._by_chat.get((method, chat_id), ()))
            return [call for call in self.calls if call.method == method and call.status == 200]

    def sent_texts(self, chat_id: int) -> list[str]:
        """Texts of the messages the bot sent to `chat_id`, in order."""
        return [call.params["text"] for call in self.calls_of("sendMessage", chat_id)]

    def wait_for(self, condition: Callable[[], Any], timeout: float = 15.0, what: str = "condition") -> Any:
        """Wait until `condition()` is truthy (re-checked after every call) and return its value."""
        deadline = time.monotonic() + timeout
        with self._condition:
            while True:
                value = condition()
                if value:
                    return value
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    recent = [
                        (call.method, call.params.get("chat_id"), call.status) for call in self.calls[-10:]
                    ]
                    raise AssertionError(
                        f"timed out after {timeout} s waiting for {what}; last calls: {recent}"
                    )
                self._condition.wait(remaining)

    def wait_for_texts(self, chat_id: int, count: int, timeout: float = 15.0) -> list[str]:
        """Wait until the bot has sent at least `count` messages to `chat_id`; return all texts sent there."""
        return self.wait_for(
            lambda: (texts := self.sent_texts(chat_id)) and len(texts) >= count and texts,
            timeout,
            f"{count} message(s) to chat {chat_id}",
        )

    def wait_until_quiet(self, chat_id: int, quiet: float = 0.5, timeout: float = 30.0) -> list[str]:
        """Wait until the bot has sent something to `chat_id` and then nothing for `quiet` seconds."""
        deadline = time.monotonic() + timeout
        with self._condition:
            while True:
                calls = self.calls_of("sendMessage", chat_id)
                now = time.monotonic()
                if calls and now - calls[-1].at >= quiet:
                    return [call.params["text"] for call in calls]
                if now >= deadline:
                    raise AssertionError(f"chat {chat_id} got no complete answer within {timeout} s")
                waited = quiet - (now - calls[-1].at) if calls else quiet
                self._condition.wait(min(waited, deadline - now))

    def last_sent(self, chat_id: int, message_id: int | None = None) -> dict[str, Any]:
        """The bot's message `message_id` (default: its latest) in `chat_id`, as it looks now."""
        with self._condition:
            if message_id is None:
                message_id = max(key[1] for key in self._sent if key[0] == chat_id)
            return self._sent[(chat_id, message_id)]

    def pending_updates(self) -> int:
        """Updates not yet confirmed by the gateway."""
        with self._condition:
            return len(self._updates)

    # --- serving -----------------------------------------------------------------------------------------

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        """Route one HTTP request to a Bot API method."""
        url = urlsplit(request.path)
        parts = url.path.strip("/").split("/")
        length = int(request.headers.get("Content-Length") or 0)
        body = request.rfile.read(length) if length else b""
        if len(parts) != 2 or parts[0] != f"bot{TOKEN}":
            self._reply(
                request,
                401 if len(parts) == 2 else 404,
                {"ok": False, "error_code": 401, "description": "Unauthorized"},
            )
            return
        method = parts[1]
        params = _parse_params(url.query, request.headers.get("Content-Type", ""), body)
        status, payload = self._dispatch(method, params)
        with self._condition:
            call = Call(method, params, status)
            self.calls.append(call)
            if status == 200 and isinstance(params.get("chat_id"), int):
                self._by_chat.setdefault((method, params["chat_id"]), []).append(call)
            self._condition.notify_all()
        self._reply(request, status, payload)

    @staticmethod
    def _reply(request: BaseHTTPRequestHandler, status: int, payload: dict[str, Any]) -> None:
        """Write a JSON answer."""
        data = json.dumps(payload).encode("utf-8")
        try:
            request.send_response(status)
            request.send_header("Content-Type", "application/json")
            request.send_header("Content-Length", str(len(data)))
            request.end_headers()
            request.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):  # the gateway stopped during a long poll
            pass

    def _take_fault(self, method: str, params: dict[str, Any]) -> Fault | None:
        """The first queued fault for this call, removed from the queue."""
        with self._condition:
            for fault in self._faults:
                if fault.method.lower() == method.lower() and fault.chat_id in (None, params.get("chat_id")):
                    self._faults.remove(fault)
                    return fault
        return None

    def _dispatch(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """Status and JSON body for one call."""
        fault = self._take_fault(method, params)
        if fault is not None:
            return fault.status, fault.body
        handler = getattr(self, f"_api_{method.lower()}", None)
        if handler is None:
            return 404, {"ok": False, "error_code": 404, "description": "Not Found: method not found"}
        try:
            return 200, {"ok": True, "result": handler(params)}
        except LookupError as error:
            return 400, {"ok": False, "error_code": 400, "description": f"Bad Request: {error.args[0]}"}
