"""Pseudonymous Rasa sender ids: a keyed hash of the chat id, rotated per chat by /neu."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import secrets
from pathlib import Path

logger = logging.getLogger(__name__)


def sender_id(chat_id: int, salt: bytes, conversation: int = 0) -> str:
    """HMAC-SHA256 (hex) of the chat id, and of the conversation number after the first /neu."""
    message = str(chat_id) if conversation == 0 else f"{chat_id}:{conversation}"
    return hmac.new(salt, message.encode("ascii"), hashlib.sha256).hexdigest()


def load_or_create_salt(path: Path) -> bytes:
    """Read the development salt from `path`, creating it (random, mode 600) on first use."""
    try:
        return path.read_text(encoding="ascii").strip().encode("ascii")
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    salt = secrets.token_hex(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process created it meanwhile
        return path.read_text(encoding="ascii").strip().encode("ascii")
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(salt + "\n")
    logger.info("Generated a development salt in %s", path)
    return salt.encode("ascii")


class Conversations:
    """Which conversation number each chat is in; only pseudonyms and counters are kept on disk."""

    def __init__(self, salt: bytes, state_file: Path | None) -> None:
        """Use `salt` for the hashes and keep the counters in `state_file` (memory only when None)."""
        self._salt = salt
        self._state_file = state_file
        self._counters: dict[str, int] | None = None

    def _load(self) -> dict[str, int]:
        """The counters, read from the state file on first use."""
        if self._counters is None:
            self._counters = {}
            if self._state_file is not None and self._state_file.exists():
                try:
                    data = json.loads(self._state_file.read_text(encoding="utf-8"))
                    self._counters = {str(key): int(value) for key, value in data.items()}
                except (ValueError, AttributeError, TypeError):
                    logger.warning("Ignoring unreadable conversation state in %s", self._state_file)
        return self._counters

    def _save(self) -> None:
        """Write the counters atomically (mode 600)."""
        if self._state_file is None:
            return
        self._state_file.parent.mkdir(parents=True, exist_ok=True)
        temporary = self._state_file.with_name(self._state_file.name + ".tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(self._load(), handle)
        os.replace(temporary, self._state_file)

    def current(self, chat_id: int) -> str:
        """The Rasa sender id of the chat's current conversation."""
        key = sender_id(chat_id, self._salt)
        return sender_id(chat_id, self._salt, self._load().get(key, 0))

    def start_new(self, chat_id: int) -> str:
        """Start a fresh conversation for the chat and return its new sender id."""
        key = sender_id(chat_id, self._salt)
        counters = self._load()
        counters[key] = counters.get(key, 0) + 1
        self._save()
        return sender_id(chat_id, self._salt, counters[key])
