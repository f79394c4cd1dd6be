"""Faults of the stores under load from 10 senders: PostgreSQL stopped (a proxy in front of the machine's
shared server is stopped) and the Rasa server restarted. Every message gets a clear answer, and no
conversation loses an event that was stored."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.postgres import fresh_database
from tests.stack import Stack, running_stack
from tests.tcp_proxy import TcpProxy

pytestmark = pytest.mark.e2e

FAULT = "gestört"
KNOWLEDGE_DOWN = "Wissensdatenbank ist gerade nicht erreichbar"  # utter_knowledge_base_unavailable
SENDERS = 10
POSTGRES_PORT = 5432


@pytest.fixture(scope="module")
def proxy() -> Iterator[TcpProxy]:
    """A stoppable proxy in front of the machine's PostgreSQL."""
    running = TcpProxy(POSTGRES_PORT).start()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def stores(proxy: TcpProxy, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """The stack with conversation store and knowledge base in a fresh PostgreSQL database, reached through
    the proxy."""
    with (
        fresh_database("store_faults") as name,
        running_stack(
            Path(tmp_path_factory.mktemp("stores")),
            tracker_store_url=f"postgresql://postgres@127.0.0.1:{proxy.port}/{name}",
            knowledge_url=f"postgresql+psycopg://postgres@127.0.0.1:{proxy.port}/{name}",
        ) as running,
    ):
        yield running


def conversations(stack: Stack, question: str) -> list[str]:
    """SENDERS new conversations, each with one answered question."""
    senders = [f"store-{uuid.uuid4().hex[:8]}-{n}" for n in range(SENDERS)]
    for reply in at_once(lambda sender: stack.texts(question, sender), senders):
        assert "Quelle:" in reply, reply
    return senders


def at_once(call: Callable[[str], Any], senders: list[str]) -> list[Any]:
    """`call` for every sender at the same time; the results in order."""
    with ThreadPoolExecutor(len(senders)) as pool:
        return list(pool.map(call, senders))


def events(stack: Stack, sender: str) -> list[dict]:
    """The stored events of a conversation."""
    return stack.tracker(sender)["events"]


def healthy(stack: Stack) -> bool:
    """Every part of the bot reports "ok"."""
    return httpx.get(f"{stack.rasa_url}/health", timeout=10).status_code == 200


def test_postgresql_stopped_is_answered_and_loses_no_event(stores: Stack, proxy: TcpProxy) -> None:
    senders = conversations(stores, "Wie viele Mitglieder hat der Integrationsrat?")
    before = {sender: events(stores, sender) for sender in senders}
    proxy.stop()
    try:
        replies = at_once(lambda sender: stores.texts("Wer darf ihn wählen?", sender), senders)
        assert all(FAULT in reply or KNOWLEDGE_DOWN in reply for reply in replies), replies
        assert not healthy(stores)
    finally:
        proxy.start()
    # the first message after PostgreSQL is back is answered (no stale connection from before the fault)
    replies = at_once(lambda sender: stores.texts("Wer darf ihn wählen?", sender), senders)
    assert all("Quelle:" in reply for reply in replies), replies
    assert healthy(stores)
    for sender in senders:
        after = events(stores, sender)
        assert after[: len(before[sender])] == before[sender]
        assert [e["text"] for e in after if e["event"] == "user"][-1] == "Wer darf ihn wählen?"


def send_or_refused(stack: Stack, sender: str) -> str | None:
    """The reply text to a question, or None when the server refused the connection (it was down)."""
    try:
        return stack.texts("Was ist HSU?", sender)
    except httpx.TransportError:
        return None


def test_a_restart_of_rasa_under_load_loses_no_event(stores: Stack) -> None:
    senders = conversations(stores, "Wie viele Mitglieder hat der Integrationsrat?")
    before = {sender: events(stores, sender) for sender in senders}
    with ThreadPoolExecutor(1) as restarter:
        restart = restarter.submit(stores.restart_rasa)
        replies = at_once(lambda sender: send_or_refused(stores, sender), senders)
        restart.result()
    assert all(reply is None or reply.strip() for reply in replies), replies  # never an empty answer
    for sender, reply in zip(senders, replies, strict=True):
        after = events(stores, sender)
        assert after[: len(before[sender])] == before[sender]
        asked = [e["text"] for e in after if e["event"] == "user"].count("Was ist HSU?")
        assert asked == 1 if reply is not None else asked <= 1, (reply, asked)  # answered: stored once
        assert "Quelle:" in stores.texts("Wann ist die IGA 2027?", sender)
