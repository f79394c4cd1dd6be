"""`make cluster` with 2 instances behind nginx: PostgreSQL, Redis (bot.lock_store) and RabbitMQ shared.

The cluster starts once for the module; the tests that kill an instance come last.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pika
import pytest
import socketio

from bot.cluster import Cluster
from bot.settings import Settings
from tests.stack import free_port

pytestmark = pytest.mark.e2e

DATABASE = "postgresql://postgres@127.0.0.1:5432/cluster_test"
RABBITMQ = "amqp://guest:guest@127.0.0.1:5672/"
QUEUE = f"dortmund_bot_cluster_{uuid.uuid4().hex[:6]}"


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """Two Rasa servers and two action servers behind nginx, on free ports."""
    settings = Settings(
        knowledge_database_url=DATABASE.replace("postgresql://", "postgresql+psycopg://"),
        tracker_store_url=DATABASE,
        lock_store_url="redis://127.0.0.1:6379/5",
        socketio_redis_url="redis://127.0.0.1:6379/5",
        event_broker_url=RABBITMQ,
        event_broker_queue=QUEUE,
        lock_lifetime_seconds=5,
        sender_rate_burst=1000,
        sender_rate_per_second=1000,
        api_token="test-token",
        session_secret="cluster-test-secret",
        widget_port=free_port(),
        cluster_port=free_port(),
    )
    running = Cluster(
        settings,
        Path(tmp_path_factory.mktemp("cluster")),
        [free_port(), free_port()],
        [free_port(), free_port()],
    )
    try:
        running.start()
    except Exception:
        print(running.log_tail())
        running.stop()
        raise
    yield running
    running.stop()
    with pika.BlockingConnection(pika.URLParameters(RABBITMQ)) as connection:
        connection.channel().queue_delete(QUEUE)


def send(cluster: Cluster, sender: str, text: str) -> tuple[str, str]:
    """Send typed text through nginx; the bot's reply texts and the Rasa server that answered."""
    reply = httpx.post(
        f"{cluster.url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=90
    )
    reply.raise_for_status()
    texts = "\n\n".join(message.get("text", "") for message in reply.json())
    return texts, reply.headers.get("X-Served-By", "")


def events(cluster: Cluster, sender: str) -> list[dict]:
    """The stored events of a conversation, through the token-protected HTTP API."""
    url = f"{cluster.url}/conversations/{sender}/tracker"
    reply = httpx.get(url, params={"token": "test-token"}, timeout=30)
    reply.raise_for_status()
    return reply.json()["events"]


def turns(cluster: Cluster, sender: str) -> list[tuple[str, int]]:
    """Each user message of the conversation with the number of bot messages before the next one."""
    found: list[tuple[str, int]] = []
    for event in events(cluster, sender):
        if event["event"] == "user":
            found.append((event["text"], 0))
        elif event["event"] == "bot" and found:
            found[-1] = (found[-1][0], found[-1][1] + 1)
    return found


def test_a_conversation_alternating_between_instances_keeps_its_context(cluster: Cluster) -> None:
    sender = f"cluster-{uuid.uuid4().hex[:8]}"
    first, served_first = send(cluster, sender, "Wie viele Mitglieder hat der Integrationsrat?")
    follow_up, served_second = send(cluster, sender, "Wer darf ihn wählen?")
    assert "27" in first
    assert "Wählen durften" in follow_up and "integrationsratswahl" in follow_up  # who may vote for *it*
    assert served_first != served_second  # round robin: the follow-up was answered by the other instance


def test_twenty_concurrent_messages_to_one_conversation_take_turns_and_none_is_lost(cluster: Cluster) -> None:
    sender = f"cluster-{uuid.uuid4().hex[:8]}"
    texts = [f"Was ist HSU? Frage {number}" for number in range(20)]
    with ThreadPoolExecutor(20) as pool:
        replies = list(pool.map(lambda text: send(cluster, sender, text), texts))
    assert all("Quelle:" in reply for reply, _ in replies), [reply[:80] for reply, _ in replies]
    assert len({served for _, served in replies}) == 2  # both instances took part
    stored = turns(cluster, sender)
    assert sorted(text for text, _ in stored) == sorted(texts)  # each message once
    assert all(answers >= 1 for _, answers in stored)  # every turn answered before the next one began


def socket_instance(cluster: Cluster) -> int:
    """The index of the Rasa server nginx pins this machine's Socket.IO connections to (ip_hash)."""
    probe = httpx.get(f"{cluster.url}/socket.io/", params={"EIO": "4", "transport": "polling"}, timeout=10)
    return cluster.rasa_ports.index(int(probe.headers["X-Served-By"].rsplit(":", 1)[1]))


def next_event(client: socketio.SimpleClient, name: str) -> Any:
    """The data of the next event called `name` (others are skipped)."""
    while (event := client.receive(timeout=60))[0] != name:
        pass
    return event[1]


@contextmanager
def widget(cluster: Cluster, session_id: str | None) -> Iterator[tuple[socketio.SimpleClient, str]]:
    """A Socket.IO client through nginx as the widget connects, joining `session_id` (or a new one)."""
    with socketio.SimpleClient() as client:
        client.connect(cluster.url, transports=["websocket"], wait_timeout=30)
        client.emit("session_request", {"session_id": session_id})
        yield client, next_event(client, "session_confirm")


def ask(client: socketio.SimpleClient, text: str) -> str:
    """Send typed text; the text of the bot's next message."""
    client.emit("user_uttered", {"message": text})
    return next_event(client, "bot_uttered").get("text", "")


def test_a_reply_made_by_the_other_instance_reaches_the_widget(cluster: Cluster) -> None:
    with widget(cluster, None) as (client, session_id):
        assert "Info-Chat" in ask(client, "Hallo")
        other = cluster.rasa_ports[1 - socket_instance(cluster)]
        reply = httpx.post(
            f"http://127.0.0.1:{other}/conversations/{session_id}/execute",
            params={"token": "test-token", "output_channel": "latest"},
            json={"name": "utter_greet"},
            timeout=60,
        )
        reply.raise_for_status()
        assert "Info-Chat" in next_event(client, "bot_uttered")["text"]


def ask_repeatedly(cluster: Cluster, sender: str, rounds: int, results: list[str]) -> None:
    """One resident: a question and its follow-up, `rounds` times, collecting every reply."""
    for _ in range(rounds):
        results.append(send(cluster, sender, "Wie viele Mitglieder hat der Integrationsrat?")[0])
        results.append(send(cluster, sender, "Wer darf ihn wählen?")[0])


def kill_under_load(cluster: Cluster, name: str) -> list[str]:
    """20 residents ask 3 questions and follow-ups each; `name` is killed meanwhile. Their conversations."""
    senders = [f"cluster-{uuid.uuid4().hex[:8]}" for _ in range(20)]
    results: dict[str, list[str]] = {sender: [] for sender in senders}
    threads = [threading.Thread(target=ask_repeatedly, args=(cluster, s, 3, results[s])) for s in senders]
    for thread in threads:
        thread.start()
    time.sleep(2)
    cluster.kill(name)
    for thread in threads:
        thread.join(180)
    assert all(len(replies) == 6 for replies in results.values()), cluster.log_tail()
    for replies in results.values():
        assert all("27" in reply for reply in replies[0::2])
        assert all("Wählen durften" in reply for reply in replies[1::2])  # each follow-up in its context
    for sender in senders:
        assert len(turns(cluster, sender)) >= 6
    return senders


def test_killing_an_action_server_under_twenty_senders_loses_no_answer(cluster: Cluster) -> None:
    kill_under_load(cluster, "actions-1")


def test_killing_a_rasa_server_under_twenty_senders_loses_no_message_and_it_rejoins(cluster: Cluster) -> None:
    senders = kill_under_load(cluster, "rasa-2")
    cluster.start_rasa(1)
    cluster.wait_for_rasa(1)
    time.sleep(3.5)  # nginx tries a failed server again after fail_timeout
    served = {send(cluster, senders[0], "Was ist HSU?")[1] for _ in range(4)}
    assert f"127.0.0.1:{cluster.rasa_ports[1]}" in served


def test_the_widget_answers_after_its_instance_is_killed(cluster: Cluster) -> None:
    with widget(cluster, None) as (client, session_id):
        assert "27" in ask(client, "Wie viele Mitglieder hat der Integrationsrat?")
    cluster.kill(f"rasa-{socket_instance(cluster) + 1}")
    with widget(cluster, session_id) as (client, same_session):
        assert same_session == session_id
        assert "Wählen durften" in ask(client, "Wer darf ihn wählen?")  # the context survived
