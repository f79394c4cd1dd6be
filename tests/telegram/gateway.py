"""Run the real gateway (`python -m bot.telegram`) as a subprocess against the Bot API stand-in."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from bot.telegram.sender_id import sender_id
from tests.telegram.standin import TOKEN, BotApiStandIn

ROOT = Path(__file__).resolve().parents[2]
SALT = "test-salt-0123456789abcdef"
T = TypeVar("T")


class GatewayProcess:
    """The gateway subprocess with its own environment and log file."""

    def __init__(self, api: BotApiStandIn, rasa_url: str, workdir: Path, **env: str) -> None:
        """Configure the gateway to use the stand-in at `api` and Rasa at `rasa_url`."""
        self.api = api
        self.log_path = workdir / "gateway.log"
        self.env = {
            key: value for key, value in os.environ.items() if not key.startswith(("TELEGRAM_", "RASA_"))
        }
        self.env.update(
            PYTHONPATH=str(ROOT),
            TELEGRAM_BOT_TOKEN=TOKEN,
            TELEGRAM_API_URL=api.base_url,
            TELEGRAM_ID_SALT=SALT,
            TELEGRAM_STATE_FILE=str(workdir / "conversations.json"),
            RASA_URL=rasa_url,
            LOG_LEVEL="INFO",
            **env,
        )
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, ready_method: str = "getUpdates", timeout: float = 30.0) -> GatewayProcess:
        """Start the process and wait until it polls (or has set its webhook)."""
        already = len(self.api.calls_of(ready_method))
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bot.telegram"],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self.api.wait_for(
            lambda: len(self.api.calls_of(ready_method)) > already or self.process.poll() is not None,
            timeout,
            f"the gateway to call {ready_method}",
        )
        if self.process.poll() is not None:
            raise RuntimeError(f"gateway exited with {self.process.returncode}:\n{self.log()}")
        return self

    def stop(self) -> int | None:
        """Stop the process like Ctrl-C would; returns its exit code."""
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode

    def alive(self) -> bool:
        """The process is still running."""
        return self.process is not None and self.process.poll() is None

    def log(self) -> str:
        """Everything the gateway logged so far."""
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def sender_for(self, chat_id: int, conversation: int = 0) -> str:
        """The Rasa sender id the gateway should use for `chat_id`."""
        return sender_id(chat_id, SALT.encode(), conversation)


def wait_until(condition: Callable[[], T], timeout: float = 15.0, what: str = "condition") -> T:
    """Poll `condition()` until it is truthy; return its value."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")
