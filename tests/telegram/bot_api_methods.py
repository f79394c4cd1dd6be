"""The Bot API stand-in's Telegram objects and methods: what a user's update contains and what each Bot API
method the gateway calls answers (state kept by tests.telegram.standin.BotApiStandIn)."""

from __future__ import annotations

import itertools
import re
import threading
import time
from typing import Any

BOT_ID = 4242
BOT_USERNAME = "dortmund_test_bot"
LONG_POLL_LIMIT = 30.0
_COMMAND = re.compile(r"/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]+)?(?![^\s])")
_MENTION = re.compile(r"(?<![\w/])@[A-Za-z0-9_]{5,32}")


class BotApiMethods:
    """Telegram's objects for a chat and the Bot API methods, on the stand-in's recorded state."""

    language_codes: dict[int, str]
    webhook: dict[str, Any] | None
    _chats: dict[int, dict[str, Any]]
    _updates: list[dict[str, Any]]
    _sent: dict[tuple[int, int], dict[str, Any]]
    _message_ids: itertools.count
    _condition: threading.Condition
    _closing: bool

    def user(self, chat_id: int) -> dict[str, Any]:
        """The (fictional) Telegram user behind a chat; names chosen to be easy to find in logs."""
        return {
            "id": abs(chat_id) % 10**9 + 1,
            "is_bot": False,
            "first_name": f"Erika{abs(chat_id)}",
            "last_name": "Musterfrau",
            "username": f"erika_{abs(chat_id)}",
            "language_code": self.language_codes.get(chat_id, "de"),
        }

    def chat(self, chat_id: int, chat_type: str = "private") -> dict[str, Any]:
        """The chat object for `chat_id` (remembered, so that replies carry the same type)."""
        if chat_id not in self._chats:
            chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
            if chat_type == "private":
                chat.update(first_name=f"Erika{abs(chat_id)}", username=f"erika_{abs(chat_id)}")
            else:
                chat["title"] = f"Gruppe {abs(chat_id)}"
            self._chats[chat_id] = chat
        return self._chats[chat_id]

    def message(self, chat_id: int, chat_type: str = "private", **content: Any) -> dict[str, Any]:
        """A user's message object in the chat, with the given content fields (text, photo, sticker …)."""
        return {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": self.chat(chat_id, chat_type),
            "from": self.user(chat_id),
            **content,
        }

    def text_update(
        self, chat_id: int, text: str, chat_type: str = "private", **extra: Any
    ) -> dict[str, Any]:
        """An update with a text message; commands get their bot_command entity like Telegram sets it."""
        entities = []
        command = _COMMAND.match(text)
        if command:
            entities.append({"type": "bot_command", "offset": 0, "length": command.end()})
        for mention in _MENTION.finditer(text):
            offset = len(text[: mention.start()].encode("utf-16-le")) // 2
            entities.append({"type": "mention", "offset": offset, "length": len(mention.group())})
        content: dict[str, Any] = {"text": text, **({"entities": entities} if entities else {}), **extra}
        return {"message": self.message(chat_id, chat_type, **content)}

    def _bot_user(self) -> dict[str, Any]:
        """The bot's own User object."""
        return {"id": BOT_ID, "is_bot": True, "first_name": "Dortmund Test", "username": BOT_USERNAME}

    def _api_getme(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            **self._bot_user(),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    def _api_getupdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        deadline = time.monotonic() + min(float(params.get("timeout") or 0), LONG_POLL_LIMIT)
        with self._condition:
            self._updates = [update for update in self._updates if update["update_id"] >= offset]
            while not self._updates and not self._closing and time.monotonic() < deadline:
                self._condition.wait(deadline - time.monotonic())
            return self._updates[:limit]

    def _api_deletewebhook(self, params: dict[str, Any]) -> bool:
        self.webhook = None
        return True

    def _api_setwebhook(self, params: dict[str, Any]) -> bool:
        self.webhook = params
        return True

    def _api_getwebhookinfo(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            "url": (self.webhook or {}).get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": 0,
        }

    def _api_setmycommands(self, params: dict[str, Any]) -> bool:
        return True

    def _api_sendchataction(self, params: dict[str, Any]) -> bool:
        return True

    def _api_answercallbackquery(self, params: dict[str, Any]) -> bool:
        return True

    def _api_sendmessage(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": self.chat(chat_id),
            "from": self._bot_user(),
            "text": params["text"],
        }
        if params.get("reply_markup", {}).get("inline_keyboard"):
            message["reply_markup"] = params["reply_markup"]
        with self._condition:
            self._sent[(chat_id, message["message_id"])] = message
        return message

    def _api_editmessagereplymarkup(self, params: dict[str, Any]) -> dict[str, Any]:
        key = (int(params["chat_id"]), int(params["message_id"]))
        with self._condition:
            if key not in self._sent:
                raise LookupError("message to edit not found")
            message = dict(self._sent[key])
            markup = params.get("reply_markup") or {}
            if markup.get("inline_keyboard"):
                message["reply_markup"] = markup
            else:
                message.pop("reply_markup", None)
            self._sent[key] = message
        return message
