"""`make cluster` with 2 instances behind nginx: PostgreSQL, Redis (bot.lock_store) and RabbitMQ shared.

The cluster starts once for the module; the tests that kill an instance come last.
"""

from __future__ import annotations

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

from bot import processes
from bot.cluster import Cluster
from bot.settings import Settings
from tests.e2e.cluster_load import QUESTION, Load, action_calls, send
from tests.stack import free_port

pytestmark = pytest.mark.e2e

DATABASE = "postgresql://postgres@127.0.0.1:5432/cluster_test"
RABBITMQ = "amqp://guest:guest@127.0.0.1:5672/"
QUEUE = f"dortmund_bot_cluster_{uuid.uuid4().hex[:6]}"
LOCK_LIFETIME = 5  # seconds: the cluster's LOCK_LIFETIME, shorter than the default 20 for a short test
# Longest waits from a kill to an answer. A message whose conversation the killed Rasa server held waits for
# that server's ticket to expire (at most LOCK_LIFETIME after the kill), then up to 3 s for its turn on the
# server left, on 2 shared cores.
LONGEST_WAIT_RASA = LOCK_LIFETIME + 3
# No lock is involved when an action server dies: nginx resends the call to the other one at once. A wait of
# ACTION_TIMEOUT (3.5 s) would mean a call hung on the dead server until the Rasa server gave it up.
LONGEST_WAIT_ACTIONS = 3.5


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
        lock_lifetime_seconds=LOCK_LIFETIME,
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
    assert served_first != served_second  # servers taken in turn when idle: the other instance answered


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


def test_a_message_resent_after_its_server_stored_it_is_answered_once(cluster: Cluster) -> None:
    sender = f"cluster-{uuid.uuid4().hex[:8]}"
    body = {"sender": sender, "message": QUESTION}
    first = httpx.post(f"{cluster.url}/webhooks/rest/webhook", json=body, timeout=90)
    request_id = first.headers["X-Request-ID"]
    assert [event.get("message_id") for event in events(cluster, sender) if event["event"] == "user"] == [
        request_id
    ]  # nginx told the server the request's id, which it keeps when it resends the request
    # What nginx sends the next server when the first died after storing the turn, before answering:
    other = next(port for port in cluster.rasa_ports if str(port) not in first.headers["X-Served-By"])
    again = httpx.post(
        f"http://127.0.0.1:{other}/webhooks/rest/webhook",
        json=body,
        headers={"X-Request-ID": request_id},
        timeout=90,
    )
    assert again.json() == first.json() and "27" in again.json()[0]["text"]  # the same answer, from the store
    assert [text for text, _ in turns(cluster, sender)] == [QUESTION]  # stored once


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


def kill_under_load(cluster: Cluster, name: str, window: float) -> tuple[Load, float, float]:
    """20 residents ask questions and follow-ups without pause; `name` is killed once 100 answers have
    arrived, and they go on for LOCK_LIFETIME + 1 s after it. What they sent and got, the kill's time, and
    the longest a message in flight at the kill or sent `window` seconds after it waited from the kill."""
    load = Load(cluster)
    killed = load.kill_meanwhile(lambda: cluster.kill(name), 100, LOCK_LIFETIME + 1)
    assert not load.errors, "\n".join(load.errors[:5]) + "\n" + cluster.log_tail()
    in_flight = [reply for reply in load.replies if reply.sent < killed < reply.answered]
    assert len(in_flight) >= len(load.senders) // 2  # residents were waiting for answers when it died
    assert any(reply.sent > killed + LOCK_LIFETIME for reply in load.replies)  # and went on writing
    for reply in load.replies:
        assert ("27" if reply.text == QUESTION else "Wählen durften") in reply.answer, reply
    for sender in load.senders:
        stored = turns(cluster, sender)
        assert [text for text, _ in stored] == load.sent_by(sender)  # each message stored once, in order
        assert all(answers >= 1 for _, answers in stored)
    around = [r for r in load.replies if r.answered > killed and r.sent < killed + window]
    longest = max(around, key=lambda reply: reply.wait)
    # What the kill adds: from the kill (or the sending, when later) to the answer
    after_kill = max(reply.answered - max(reply.sent, killed) for reply in around)
    print(  # for the operator reading the test log: how the kill went
        f"\n{name} killed {killed - min(r.sent for r in load.replies):.2f} s in, after"
        f" {sum(r.answered < killed for r in load.replies)} answers, {len(in_flight)} in flight,"
        f" {len(load.replies)} in all; longest wait around the kill {longest.wait:.2f} s (sent"
        f" {longest.sent - killed:+.2f} s from it), {after_kill:.2f} s of it after the kill; in the whole"
        f" run {max(r.wait for r in load.replies):.2f} s"
    )
    return load, killed, after_kill


def test_killing_an_action_server_under_twenty_senders_loses_no_answer_and_it_serves_again(
    cluster: Cluster,
) -> None:
    address = f"127.0.0.1:{cluster.action_ports[0]}"
    log = cluster.workdir / "nginx-actions.log"
    load, killed, wait_after_kill = kill_under_load(cluster, "actions-1", 1.0)
    assert any(tried == [address] and ended < killed for ended, tried in action_calls(log))  # it had served
    assert wait_after_kill <= LONGEST_WAIT_ACTIONS
    settings = cluster.instance(0)
    process = cluster.serve("actions", settings, "actions-1")
    processes.wait_until(lambda: processes.action_server_ready(settings), process, 60, "actions-1")
    restarted = time.time()
    time.sleep(3.5)  # nginx tries a failed server again after fail_timeout
    for _ in range(6):
        assert "27" in send(cluster, load.senders[0], QUESTION)[0]
    assert any(tried == [address] and ended > restarted for ended, tried in action_calls(log))


def test_killing_a_rasa_server_under_twenty_senders_loses_no_message_and_it_rejoins(cluster: Cluster) -> None:
    address = f"127.0.0.1:{cluster.rasa_ports[1]}"
    # Messages sent soon after the kill may queue behind those waiting for the dead server's tickets
    load, killed, wait_after_kill = kill_under_load(cluster, "rasa-2", LOCK_LIFETIME)
    assert any(reply.served_by == [address] and reply.answered < killed for reply in load.replies)
    # Messages sent to rasa-2 before it died and answered by the other after nginx retried them
    retried = [reply for reply in load.replies if reply.sent < killed and reply.served_by[0] == address]
    assert any(len(reply.served_by) > 1 for reply in retried)
    assert wait_after_kill <= LONGEST_WAIT_RASA
    cluster.start_rasa(1)
    cluster.wait_for_rasa(1)
    time.sleep(3.5)  # nginx tries a failed server again after fail_timeout
    served = {send(cluster, load.senders[0], "Was ist HSU?")[1] for _ in range(4)}
    assert address in served


def test_the_widget_answers_after_its_instance_is_killed(cluster: Cluster) -> None:
    with widget(cluster, None) as (client, session_id):
        assert "27" in ask(client, "Wie viele Mitglieder hat der Integrationsrat?")
    cluster.kill(f"rasa-{socket_instance(cluster) + 1}")
    with widget(cluster, session_id) as (client, same_session):
        assert same_session == session_id
        assert "Wählen durften" in ask(client, "Wer darf ihn wählen?")  # the context survived
