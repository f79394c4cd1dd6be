"""The running bot for end-to-end tests: action server and Rasa server on free ports, fresh databases."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from bot import processes
from bot.endpoints import write_endpoints
from bot.settings import ROOT, Settings
from tests.ports import free_port


def load_knowledge(database_url: str) -> None:
    """Load knowledge/ into the given database with the editors' loader."""
    env = processes.child_environment({"DATABASE_URL": database_url})
    subprocess.run(
        [str(processes.APP_PYTHON), "-m", "bot.knowledge.loader", "--dir", str(ROOT / "knowledge")],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )


class Stack:
    """Action server + Rasa server (REST and Socket.IO) with the trained model, stoppable and restartable."""

    def __init__(self, workdir: Path, **settings: Any) -> None:
        """Configure the stack; databases default to SQLite files in `workdir`."""
        self.workdir = workdir
        self.knowledge_url = settings.pop("knowledge_url", f"sqlite:///{workdir / 'knowledge.db'}")
        defaults = {"tracker_store_url": f"sqlite:///{workdir / 'tracker.db'}", "api_token": "test-token"}
        self.settings = Settings(
            rasa_port=free_port(),
            action_port=free_port(),
            **(defaults | settings),  # type: ignore[arg-type]
        )
        self.endpoints = write_endpoints(self.settings, workdir / "endpoints.yml")
        self.rasa: subprocess.Popen | None = None
        self.actions: subprocess.Popen | None = None

    @property
    def rasa_url(self) -> str:
        """Base URL of the Rasa server."""
        return f"http://127.0.0.1:{self.settings.rasa_port}"

    @property
    def token(self) -> str:
        """Token of the Rasa HTTP API."""
        return self.settings.api_token

    def start(self) -> Stack:
        """Load the knowledge base and start both servers."""
        load_knowledge(self.knowledge_url)
        self.start_actions()
        self.start_rasa()
        return self

    def start_actions(self) -> None:
        """Start the action server and wait for its health check."""
        env = processes.child_environment({"DATABASE_URL": self.knowledge_url})
        command = processes.action_server_command(self.settings)
        self.actions = processes.start(command, self.workdir / "actions.log", env)
        processes.wait_until(
            lambda: processes.action_server_ready(self.settings), self.actions, 60, "action server"
        )

    def rasa_command(self) -> list[str]:
        """The command that starts the Rasa server."""
        return processes.rasa_server_command(self.settings, self.endpoints, processes.latest_model())

    def start_rasa(self) -> float:
        """Start the Rasa server; returns the seconds until it had loaded the model."""
        environment = processes.rasa_server_environment(self.settings)
        self.rasa = processes.start(self.rasa_command(), self.workdir / "rasa.log", environment)
        return processes.wait_until(
            lambda: processes.rasa_server_ready(self.settings), self.rasa, 180, "Rasa"
        )

    def stop_rasa(self) -> None:
        """Stop the Rasa server."""
        if self.rasa:
            processes.stop(self.rasa)

    def restart_rasa(self) -> float:
        """Stop and start the Rasa server."""
        self.stop_rasa()
        return self.start_rasa()

    def stop(self) -> None:
        """Stop both servers."""
        self.stop_rasa()
        if self.actions:
            processes.stop(self.actions)

    def send(self, text: str, sender: str, payload: bool = False) -> list[dict]:
        """Send typed text (or a control's payload) over the REST channel and return the bot's messages."""
        url = f"{self.rasa_url}/webhooks/rest/webhook"
        body = {"sender": sender, "payload" if payload else "message": text}
        reply = httpx.post(url, json=body, timeout=60)
        reply.raise_for_status()
        return reply.json()

    def texts(self, text: str, sender: str, payload: bool = False) -> str:
        """The bot's reply texts to one message (typed, or a payload), joined by blank lines."""
        return "\n\n".join(message.get("text", "") for message in self.send(text, sender, payload))

    def parse(self, text: str) -> dict:
        """What the running model makes of a text (intent, entities, answer ranking), through the HTTP API."""
        url = f"{self.rasa_url}/model/parse"
        reply = httpx.post(url, params={"token": self.token}, json={"text": text}, timeout=60)
        reply.raise_for_status()
        return reply.json()

    def tracker(self, sender: str) -> dict:
        """The conversation of one sender, read through the token-protected HTTP API."""
        url = f"{self.rasa_url}/conversations/{sender}/tracker"
        reply = httpx.get(url, params={"token": self.token}, timeout=30)
        reply.raise_for_status()
        return reply.json()

    def log_tail(self, lines: int = 40) -> str:
        """The last lines of both server logs, for failure messages."""
        tails = []
        for name in ("rasa.log", "actions.log"):
            path = self.workdir / name
            if path.exists():
                tails.append(
                    f"--- {name}\n" + "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
                )
        return "\n".join(tails)


@contextmanager
def running_stack(workdir: Path, **settings: Any) -> Iterator[Stack]:
    """A started stack that is stopped afterwards; on a failed start the server logs are printed."""
    stack = Stack(workdir, **settings)
    try:
        stack.start()
    except Exception:
        print(stack.log_tail())
        stack.stop()
        raise
    try:
        yield stack
    finally:
        stack.stop()
