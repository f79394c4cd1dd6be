"""Faults against the running stack: the resident always gets a clear answer, never an empty one or a wait of
minutes (Rasa's own request timeout is 5 minutes; the client here gives up after 60 s)."""

from __future__ import annotations

import os
import signal
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from bot import processes
from tests.stack import Stack

pytestmark = pytest.mark.e2e

FAULT = "gestört"
SENDERS = 10


def ask_all(stack: Stack, question: str) -> list[str]:
    """The same question from 10 senders at once; each sender's reply texts."""
    with ThreadPoolExecutor(SENDERS) as pool:
        return list(
            pool.map(lambda n: stack.texts(question, f"fault-{uuid.uuid4().hex[:8]}-{n}"), range(SENDERS))
        )


@pytest.fixture
def action_server(stack: Stack) -> Iterator[processes.subprocess.Popen]:
    """The stack's action server; started again (and the breaker given time) after the test."""
    assert stack.actions is not None
    yield stack.actions
    if stack.actions.poll() is None:
        os.killpg(stack.actions.pid, signal.SIGCONT)
        processes.stop(stack.actions)
    stack.start_actions()

    # the breaker tries the action server again after its cooldown; later tests need it closed
    def answered() -> bool:
        return FAULT not in stack.texts("Was ist HSU?", f"fault-recover-{uuid.uuid4().hex[:8]}")

    processes.wait_until(answered, stack.actions, 60, "answers after the action server came back")


def test_a_killed_action_server_is_answered_with_the_fault_message(
    stack: Stack, action_server: processes.subprocess.Popen
) -> None:
    processes.stop(action_server)
    replies = ask_all(stack, "Was ist HSU?")
    assert all(FAULT in reply for reply in replies), replies
    health = httpx.get(f"{stack.rasa_url}/health", timeout=30)
    assert health.status_code == 503 and health.json()["parts"]["action_server"] != "ok"


def test_a_hung_action_server_is_answered_with_the_fault_message(
    stack: Stack, action_server: processes.subprocess.Popen
) -> None:
    os.killpg(action_server.pid, signal.SIGSTOP)
    replies = ask_all(stack, "Wie setzt sich der Integrationsrat zusammen?")
    assert all(FAULT in reply for reply in replies), replies
