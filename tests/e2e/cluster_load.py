"""Residents writing to `make cluster` while one of its processes is killed: what each sent, got, and when."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from bot.cluster import Cluster

QUESTION = "Wie viele Mitglieder hat der Integrationsrat?"
FOLLOW_UP = "Wer darf ihn wählen?"  # answered right only in the question's context


@dataclass
class Reply:
    """One REST request of a resident: what was sent, the answer, which servers nginx tried, and when."""

    sender: str
    text: str
    answer: str
    served_by: list[str]  # nginx's X-Served-By: each Rasa server tried, the one that answered last
    sent: float
    answered: float

    @property
    def wait(self) -> float:
        """Seconds the resident waited for the answer."""
        return self.answered - self.sent


def send(cluster: Cluster, sender: str, text: str) -> tuple[str, str]:
    """Send typed text through nginx; the bot's reply texts and the Rasa server(s) nginx tried."""
    reply = httpx.post(
        f"{cluster.url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=90
    )
    reply.raise_for_status()
    texts = "\n\n".join(message.get("text", "") for message in reply.json())
    return texts, reply.headers.get("X-Served-By", "")


@dataclass
class Load:
    """Residents asking a question and its follow-up, pair after pair, until told to stop."""

    cluster: Cluster
    senders: list[str] = field(default_factory=lambda: [f"cluster-{uuid.uuid4().hex[:8]}" for _ in range(20)])
    replies: list[Reply] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    def resident(self, sender: str) -> None:
        """One resident: whole pairs only, so that every follow-up comes right after its question."""
        while not self.stop.is_set():
            for text in (QUESTION, FOLLOW_UP):
                sent = time.time()
                try:
                    answer, served_by = send(self.cluster, sender, text)
                except Exception as error:  # noqa: BLE001 - the test reports it
                    self.errors.append(f"{sender} {text!r}: {type(error).__name__}: {error}")
                    return
                served = [address.strip() for address in served_by.split(",")]
                self.replies.append(Reply(sender, text, answer, served, sent, time.time()))

    def kill_meanwhile(self, kill: Callable[[], None], after_answers: int, go_on_seconds: float) -> float:
        """Kill once `after_answers` answers have arrived; go on `go_on_seconds` longer. The kill's time."""
        threads = [threading.Thread(target=self.resident, args=(sender,)) for sender in self.senders]
        for thread in threads:
            thread.start()
        deadline = time.time() + 120
        while len(self.replies) < after_answers and not self.errors and time.time() < deadline:
            time.sleep(0.005)
        killed = time.time()
        kill()
        time.sleep(go_on_seconds)
        self.stop.set()
        for thread in threads:
            thread.join(120)
        assert not any(thread.is_alive() for thread in threads), "a resident still waits for an answer"
        return killed

    def sent_by(self, sender: str) -> list[str]:
        """The texts a resident sent, in order."""
        return [reply.text for reply in self.replies if reply.sender == sender]


def action_calls(log: Path) -> list[tuple[float, list[str]]]:
    """The calls to the action servers in nginx's log: when each ended, the servers tried (in order)."""
    calls = []
    for line in log.read_text().splitlines():
        ended, _status, _seconds, upstreams = line.split(" ", 3)
        calls.append((float(ended), [address.strip() for address in upstreams.split(",")]))
    return calls
